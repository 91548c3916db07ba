// The SDK's render allow-list against the edge's HTML policy, so the two cannot drift:
// the SDK must build every tag and attribute the edge keeps, and nothing it removes.
// (The policy is imported here only, never into the SDK's bundle.)
import { describe, expect, it } from 'vitest';
import { ALLOWED_TAGS, DROPPED_TAGS, GLOBAL_ATTRS, TAG_ATTRS, URL_ATTRS, isAllowedAttr } from '../../../edge-worker/src/language/html-policy';
import { attrOk, TAG } from './render';

// Every element of the HTML Living Standard, and obsolete or custom ones the edge unwraps.
const HTML_TAGS = (
  'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col colgroup data datalist dd del ' +
  'details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins ' +
  'kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby ' +
  's samp script search section select slot small source span strong style sub summary sup table tbody td template textarea tfoot th thead time ' +
  'title tr track u ul var video wbr acronym applet basefont bgsound big blink center dir font frame frameset image isindex keygen listing marquee ' +
  'menuitem nobr noembed noframes plaintext rb rtc spacer strike tt xmp svg math portal my-widget h7 abbrs'
).split(' ');

// Every HTML attribute name, event handlers and foreign ones included.
const HTML_ATTRS = (
  'accept accept-charset accesskey action align allow alt as async autocapitalize autocomplete autofocus autoplay background bgcolor border ' +
  'charset checked cite class color cols colspan content contenteditable controls coords crossorigin data datetime decoding default defer dir ' +
  'dirname disabled download draggable enctype enterkeyhint fetchpriority for form formaction formenctype formmethod formnovalidate formtarget ' +
  'headers height hidden high href hreflang http-equiv id inert inputmode integrity is ismap itemprop kind label lang language list loading loop ' +
  'low max maxlength media method min minlength multiple muted name nonce novalidate open optimum pattern ping placeholder playsinline popover ' +
  'poster preload readonly referrerpolicy rel required reversed role rows rowspan sandbox scope selected shape size sizes slot span spellcheck src ' +
  'srcdoc srclang srcset start step style tabindex target title translate type usemap value width wrap xmlns xlink:href onclick onerror onload ' +
  'onmouseover onfocus aria-label aria-hidden aria-describedby data-id data-x.y data-a_b data-1 data-kairos-slot data-kairos-goal data-kairos-state ' +
  'data- aria- aria-Label'
).split(' ');

/** Whether the edge keeps attribute `name` on some element (or the slot itself). */
const edgeKeeps = (name: string): boolean => isAllowedAttr(name) || [...ALLOWED_TAGS].some((t) => isAllowedAttr(name, t));

describe('the render allow-list is the edge HTML policy', () => {
  it('builds exactly the tags the edge keeps', () => {
    for (const t of [...HTML_TAGS, ...ALLOWED_TAGS, ...DROPPED_TAGS]) expect(TAG.test(t), t).toBe(ALLOWED_TAGS.has(t));
  });

  it('sets exactly the attributes the edge keeps (on any tag: the edge checks per tag)', () => {
    const named = [...GLOBAL_ATTRS, ...Object.values(TAG_ATTRS).flatMap((s) => [...s])];
    for (const a of [...HTML_ATTRS, ...named]) expect(attrOk(a, 'x'), a).toBe(edgeKeeps(a));
  });

  it('refuses script URLs in every attribute the edge checks as a URL', () => {
    for (const a of [...URL_ATTRS, 'srcset']) {
      expect(edgeKeeps(a), a).toBe(true);
      expect(attrOk(a, 'javascript:alert(1)'), a).toBe(false);
      expect(attrOk(a, '/ok.png'), a).toBe(true);
    }
  });
});
