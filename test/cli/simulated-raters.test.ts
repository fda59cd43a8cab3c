/**
 * The demo's and bench's simulated raters read the one email per rater as a person would, in the
 * rater's language: each link under the line naming the person it is about.
 */
import { describe, expect, it } from 'vitest';
import { requestsIn } from '../../cli/demo/simulated-raters.ts';
import { renderRaterEmail } from '../../functions/rendering/emails.ts';

const link = (n: number) => `https://ladder.example.com/feedback/${String(n).repeat(43).slice(0, 43)}`;

describe('requestsIn', () => {
  it.each(['en', 'de', 'fr', 'es', 'ja'])('finds every person and link of a %s invitation', (locale) => {
    const email = renderRaterEmail({
      locale,
      timeZone: 'Europe/Berlin',
      kind: 'invitation',
      raterName: 'Ana Lee',
      quarter: '2026-Q4',
      deadline: '2026-12-24T16:00:00.000Z',
      requests: [
        { leaderName: 'Ana Lee', group: 'self', link: link(1) },
        { leaderName: 'Ben Ng', group: 'peer', link: link(2) },
        { leaderName: 'Ben Ngata', group: 'coachee', link: link(3) },
      ],
    });
    const listed = requestsIn({ subject: email.subject, destination: { to: [] }, body: email }, [
      'Ben Ng',
      'Ben Ngata',
    ]);
    expect(listed).toEqual([
      { link: link(1), self: true },
      { link: link(2), self: false, leaderName: 'Ben Ng' },
      { link: link(3), self: false, leaderName: 'Ben Ngata' },
    ]);
  });
});
