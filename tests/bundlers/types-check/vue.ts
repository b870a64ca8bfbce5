// Vue's template type checking sees every element with its attributes.
import type { GlobalComponents } from 'vue';
import type {} from 'retainkit/vue';

type Has<K extends string> = K extends keyof GlobalComponents ? true : never;
export const tags: [Has<'rk-nps'>, Has<'rk-reviews'>, Has<'rk-loyalty'>] = [true, true, true];
