// RetainKit's elements in Vue templates. Generated from crates/elements; do not edit.
// Opt in once: `import type {} from 'retainkit/vue';` and tell Vue the tags are custom elements:
// `compilerOptions: { isCustomElement: (tag) => tag.startsWith('rk-') }`.
import type { DefineComponent } from 'vue';
import type { RkNpsAttributes, RkSurveyAttributes, RkStarsAttributes, RkReviewsAttributes, RkReviewFormAttributes, RkLoyaltyAttributes, RkPointsAttributes, RkExitOfferAttributes, RkPopupAttributes } from './index.js';

declare module 'vue' {
  interface GlobalComponents {
    'rk-nps': DefineComponent<RkNpsAttributes>;
    'rk-survey': DefineComponent<RkSurveyAttributes>;
    'rk-stars': DefineComponent<RkStarsAttributes>;
    'rk-reviews': DefineComponent<RkReviewsAttributes>;
    'rk-review-form': DefineComponent<RkReviewFormAttributes>;
    'rk-loyalty': DefineComponent<RkLoyaltyAttributes>;
    'rk-points': DefineComponent<RkPointsAttributes>;
    'rk-exit-offer': DefineComponent<RkExitOfferAttributes>;
    'rk-popup': DefineComponent<RkPopupAttributes>;
  }
}
