// RetainKit's elements in Preact JSX. Generated from crates/elements; do not edit.
// Opt in once: `import type {} from 'retainkit/preact';` (or list "retainkit/preact" in tsconfig `types`).
import type { HTMLAttributes } from 'preact';
import type { RkNpsAttributes, RkNpsElement, RkSurveyAttributes, RkSurveyElement, RkStarsAttributes, RkStarsElement, RkReviewsAttributes, RkReviewsElement, RkReviewFormAttributes, RkReviewFormElement, RkLoyaltyAttributes, RkLoyaltyElement, RkPointsAttributes, RkPointsElement, RkExitOfferAttributes, RkExitOfferElement, RkPopupAttributes, RkPopupElement } from './index.js';

/** Preact's props for an element: its attributes (strings, as in HTML), `class`, `ref`, `children`. Listen to its events with `ref` + `addEventListener`. */
type RkProps<E extends HTMLElement, A> = Omit<HTMLAttributes<E>, keyof A> & A;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'rk-nps': RkProps<RkNpsElement, RkNpsAttributes>;
      'rk-survey': RkProps<RkSurveyElement, RkSurveyAttributes>;
      'rk-stars': RkProps<RkStarsElement, RkStarsAttributes>;
      'rk-reviews': RkProps<RkReviewsElement, RkReviewsAttributes>;
      'rk-review-form': RkProps<RkReviewFormElement, RkReviewFormAttributes>;
      'rk-loyalty': RkProps<RkLoyaltyElement, RkLoyaltyAttributes>;
      'rk-points': RkProps<RkPointsElement, RkPointsAttributes>;
      'rk-exit-offer': RkProps<RkExitOfferElement, RkExitOfferAttributes>;
      'rk-popup': RkProps<RkPopupElement, RkPopupAttributes>;
    }
  }
}
