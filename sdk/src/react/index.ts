// `@kairos/sdk/react`: a slot component and hooks for React (an optional peer dependency).
export { KairosSlot } from './slot';
export { KairosProvider, useKairos } from './context';
export { useKairosDecision } from './decision';
export type { KairosSlotProps } from './slot';
export type { KairosProviderProps } from './context';
