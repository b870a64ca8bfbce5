// Preact JSX knows the elements once 'retainkit/preact' is imported (types only).
import type {} from 'retainkit/preact';

export const ok = <rk-nps survey-id="nps" follow-up="off" class="card" texts='{"submit":"Senden"}' />;
export const loyalty = <rk-loyalty position="left" hide-on="/checkout" />;
// @ts-expect-error follow-up is 'on' or 'off'
export const wrong = <rk-nps follow-up="maybe" />;
// @ts-expect-error not an element of RetainKit
export const unknown = <rk-banner />;
