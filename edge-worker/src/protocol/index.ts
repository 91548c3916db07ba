/**
 * The wire protocol shared by the SDK and the edge: what travels between them.
 * The SDK imports its wire types from here and nowhere else in the edge.
 */
export type { Content, ContentNode, ElementNode, TextNode } from './content.ts';
export type { ContentView, ContextDocument, Daypart, DeviceType, ReferrerType } from './context.ts';
export type { BanditReason, DecideRequest, DecideResponse, Decision, Outcome, Reason, RuleMiss, Signals } from './decide.ts';
export type { EventsRequest, EventType, KairosEvent } from './events.ts';
export * from './limits.ts';
