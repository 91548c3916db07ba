/** The rules the browser suite decides with (site "test"); `origins` is the fixture-page server. */
export function testRules(origin: string): object {
  const always = (id: string, variant: object) => ({ rules: [{ id, variants: [{ id: 'v', ...variant }] }] });
  return {
    site: 'test',
    origins: [origin],
    slots: {
      hero: {
        rules: [
          { id: 'ski-search', when: { 'referrer.type': 'search', 'utm.term': { $regex: 'ski' } }, variants: [{ id: 'ski-hero', html: '<h2>Fresh powder this week</h2>' }] },
          { id: 'spring', when: { 'utm.campaign': 'spring' }, variants: [{ id: 'spring-sale', text: 'Spring sale' }] },
          { id: 'ski-fans', when: { 'interests.ski': { $gte: 2 } }, variants: [{ id: 'ski-fan', text: 'Welcome back, ski fan' }] },
          { id: 'returning', when: { 'visitor.returning': true }, variants: [{ id: 'welcome-back', text: 'Welcome back' }] },
        ],
      },
      device: {
        rules: [
          { id: 'mobile', when: { 'device.type': 'mobile' }, variants: [{ id: 'phone', text: 'On a phone' }] },
          { id: 'desktop', when: { 'device.type': 'desktop' }, variants: [{ id: 'big-screen', text: 'On a big screen' }] },
        ],
      },
      rich: always('rich', {
        attrs: { class: 'slot rich' },
        html: '<div><h3 class="title">Hello <em>there</em></h3><p>You are on {{page.path}} <a href="/buy" target="_blank">buy</a></p><img src="/x.png" alt="x"></div>',
      }),
      escaped: { rules: [{ id: 'term', when: { 'utm.term': { $exists: true } }, variants: [{ id: 'echo', text: 'You searched {{utm.term}} <b>bold?</b>' }] }] },
      capped: { rules: [{ id: 'capped', cap: { perVisitor: 2 }, variants: [{ id: 'offer', text: 'Limited offer' }] }] },
      saturate: { rules: [{ id: 'bought', when: { 'conversions.buy': { $gte: 1 } }, variants: [{ id: 'thanks', text: 'Thanks for buying' }] }] },
      below: always('below', { text: 'Below the fold' }),
      late: always('late', { text: 'Late slot decided' }),
      spa: { rules: [{ id: 'two', when: { 'page.path': '/spa/two' }, variants: [{ id: 'two', text: 'Route two' }] }] },
      // pages/sticky.html: a bandit; its assignment is kept per visitor (signals.assigned).
      sticky: {
        rules: [{ id: 'arms', learn: 'bandit', goal: 'buy', segment: [], stickyDays: 7, variants: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: 'Arm ' + id })) }],
      },
      pageviews: { rules: [{ id: 'third', when: { 'session.pageviews': { $gte: 3 } }, variants: [{ id: 'third', text: 'Third page' }] }] },
      // pages/many.html: more slots than one decide request may name.
      ...Object.fromEntries(Array.from({ length: 120 }, (_, i) => ['m' + i, always('m' + i, { text: 'Decided m' + i })])),
    },
  };
}
