/** The context document rules match on (PRODUCT.md "The context document"). */

export type ReferrerType = 'search' | 'social' | 'email' | 'paid' | 'ai' | 'internal' | 'direct' | 'other';

export type DeviceType = 'mobile' | 'tablet' | 'desktop' | 'tv' | 'bot';

export type Daypart = 'morning' | 'afternoon' | 'evening' | 'night';

export interface ContentView {
  id: string;
  tags: string[];
  /** Epoch milliseconds. */
  at: number;
}

export interface ContextDocument {
  page: { path: string; title: string; type: string };
  referrer: { host: string; type: ReferrerType; source: string };
  utm: { source: string; medium: string; campaign: string; term: string; content: string };
  device: {
    type: DeviceType;
    os: string;
    browser: string;
    touch: boolean;
    viewport: { width: number; height: number };
    saveData: boolean;
    language: string;
  };
  time: { hour: number; weekday: number; daypart: Daypart; timezone: string };
  geo: { country: string; region: string };
  session: { pageviews: number; landing: string; isNew: boolean };
  visitor: { sessions: number; returning: boolean; daysSinceFirst: number };
  views: ContentView[];
  interests: Record<string, number>;
  conversions: Record<string, number>;
  consent: { personalization: boolean; analytics: boolean };
}
