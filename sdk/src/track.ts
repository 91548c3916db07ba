import type { Raw } from './lazy/events';
import type { State } from './state';
import { now } from './util';

/** Records an event, only with some consent (analytics to send it, personalization to count it). */
export const track = (s: State, e: Omit<Raw, 'at'>): unknown => (s.consent_.analytics || s.consent_.personalization) && s.send({ at: now(), ...e });
