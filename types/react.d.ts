// RetainKit's elements in React JSX. Generated from crates/elements; do not edit.
// Opt in once: `import type {} from 'retainkit/react';` (or list "retainkit/react" in tsconfig `types`).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { RkNpsAttributes, RkNpsElement, RkSurveyAttributes, RkSurveyElement, RkStarsAttributes, RkStarsElement, RkReviewsAttributes, RkReviewsElement, RkReviewFormAttributes, RkReviewFormElement, RkLoyaltyAttributes, RkLoyaltyElement, RkPointsAttributes, RkPointsElement, RkExitOfferAttributes, RkExitOfferElement, RkPopupAttributes, RkPopupElement } from './index.js';

/** React's props for an element: its attributes (strings, as in HTML), `class` as well as `className`, `ref`, `children`. Listen to its events with `ref` + `addEventListener`. */
type RkProps<E extends HTMLElement, A> = DetailedHTMLProps<HTMLAttributes<E>, E> & A & { class?: string };

declare module 'react' {
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
