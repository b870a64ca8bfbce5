// React JSX knows the elements once 'retainkit/react' is imported (types only).
import type {} from 'retainkit/react';

export const ok = <rk-nps survey-id="nps" follow-up="off" class="card" />;
export const loyalty = <rk-loyalty position="left" hide-on="/checkout" />;
// @ts-expect-error follow-up is 'on' or 'off'
export const wrong = <rk-nps follow-up="maybe" />;
// @ts-expect-error not an element of RetainKit
export const unknown = <rk-banner />;
// Popups placed from the page's HTML.
export const placed = <rk-exit-offer offer-id="stay-10" />;
export const popupSurvey = <rk-survey survey-id="nps-q4" placement="popup" />;
// @ts-expect-error placement is 'inline' or 'popup'
export const modal = <rk-survey survey-id="nps-q4" placement="modal" />;
