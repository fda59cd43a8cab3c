import { describe, expect, it } from 'vitest';
import type { LeaderReport, RaterGroup } from '../../functions/core/model.ts';
import {
  type RaterEmailInput,
  type RenderedEmail,
  renderRaterEmail,
} from '../../functions/rendering/emails.ts';
import {
  renderHrSummaryEmail,
  renderLeaderReportEmail,
  renderManagerSummaryEmail,
} from '../../functions/rendering/report-emails.ts';
import { AMP, IMG, injectionProblems, NASTY, SCRIPT, tags } from './helpers.ts';

const LINK = 'https://ladder.example.com/feedback/Zq3x_9kLm-2PpR7sT0uVwA';
const LINK_2 = 'https://ladder.example.com/feedback/Bb3x_9kLm-2PpR7sT0uVwA';
const LINK_3 = 'https://ladder.example.com/feedback/Cc3x_9kLm-2PpR7sT0uVwA';

/** One request: Sam is coached by Alex. */
function requestInput(
  overrides: Partial<RaterEmailInput> & { leaderName?: string; raterGroup?: RaterGroup; link?: string } = {},
): RaterEmailInput {
  const { leaderName = 'Alex Morgan', raterGroup = 'coachee', link = LINK, ...rest } = overrides;
  return {
    kind: 'invitation',
    raterName: 'Sam Lee',
    deadline: '2026-01-12T17:00:00Z',
    quarter: '2025-Q4',
    requests: [{ leaderName, group: raterGroup, link }],
    ...rest,
  };
}

/** Three requests: Dana's self-assessment, the leader she manages, a peer. */
const SEVERAL: RaterEmailInput = {
  kind: 'invitation',
  raterName: 'Dana Fox',
  deadline: '2026-01-12T17:00:00Z',
  quarter: '2025-Q4',
  requests: [
    { leaderName: 'Dana Fox', group: 'self', link: LINK },
    { leaderName: 'Alex Morgan', group: 'manager', link: LINK_2 },
    { leaderName: 'Bo Chen', group: 'peer', link: LINK_3 },
  ],
};

const REPORT: LeaderReport = {
  groups: [
    {
      group: 'manager',
      responses: 1,
      competencyMeans: { hiring: 3.25, 'stand-in': null, 'coaching-questions': 4 },
      comments: { keep: ['Clear weekly plans'], change: [] },
    },
    {
      group: 'others',
      responses: 4,
      competencyMeans: { 'coaching-questions': 4.5, 'knowledge-transfer': 2.04 },
      comments: { keep: ['Great deal reviews', 'Always available'], change: ['Delegate more'] },
    },
  ],
  withheld: ['Peer results are not shown: only 2 peers answered.'],
};

const LABELS = {
  'coaching-questions': 'Coaching questions',
  'knowledge-transfer': 'Knowledge transfer',
  hiring: 'Hiring',
  'stand-in': 'Stand-in',
};

const NEEDS = [
  { id: 'knowledge-transfer', label: 'Knowledge transfer', score: 26 },
  { id: 'hiring', label: 'Hiring', score: 56.25 },
];

function leaderReport(overrides: Partial<Parameters<typeof renderLeaderReportEmail>[0]> = {}): RenderedEmail {
  return renderLeaderReportEmail({
    leaderName: 'Alex Morgan',
    quarter: '2025-Q4',
    report: REPORT,
    developmentNeeds: NEEDS,
    competencyLabels: LABELS,
    ...overrides,
  });
}

/**
 * Table rows of an HTML part as [label, value] cell texts. The bar charts' layout tables
 * (`role="presentation"`, functions/rendering/email-charts.ts) are read as the text they hold.
 */
function rows(doc: string): string[][] {
  let flat = doc;
  const innermost = /<table role="presentation"(?:(?!<table)[\s\S])*?<\/table>/;
  while (innermost.test(flat))
    flat = flat.replace(innermost, (table) =>
      table
        .replace(/<[^>]*>/g, '')
        .replace(/&nbsp;/g, '')
        .trim(),
    );
  return [...flat.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]*>/g, '')),
  );
}

describe('renderRaterEmail: one email per rater', () => {
  it('contains the link in the HTML (href and visible text) and in the text part', () => {
    const email = renderRaterEmail(requestInput());
    const anchors = tags(email.html).filter((t) => t.name === 'a');
    expect(anchors.filter((a) => a.attrs.href === LINK).length).toBeGreaterThanOrEqual(1);
    expect(email.html).toContain(`>${LINK}</a>`);
    expect(email.text).toContain(LINK);
    expect(email.text.split('\n')).toContain(LINK);
  });

  it('lists everyone the rater is asked about, each with its own link and button', () => {
    const email = renderRaterEmail(SEVERAL);
    for (const [name, link] of [
      ['Dana Fox', LINK],
      ['Alex Morgan', LINK_2],
      ['Bo Chen', LINK_3],
    ] as const) {
      expect(email.html).toContain(name);
      expect(email.text.split('\n')).toContain(link);
      expect(tags(email.html).some((t) => t.name === 'a' && t.attrs.href === link)).toBe(true);
    }
    expect(email.text).toContain('Start my self-assessment (your self-assessment):');
    expect(email.text).toContain("Give feedback on Alex Morgan (you are Alex Morgan's manager):");
    expect(email.text).toContain('Give feedback on Bo Chen (Bo Chen is a colleague of yours):');
    expect(email.subject).toBe('Your 2025-Q4 self-assessment and feedback on Alex Morgan and Bo Chen');
    expect(email.text).toMatch(/You're asked about 3 people/);
    // Each group's privacy note, once.
    expect(email.text).toContain(
      'Your self-assessment appears in your own development report next to the feedback of others.',
    );
    expect(email.text).toContain(
      'The person you manage sees your ratings as their manager’s; comments are shown without names.',
    );
    expect(email.text).toContain(
      "Coachees' and peers' answers are anonymous: a leader only sees them combined, in groups of at least 3 people, and comments without names.",
    );
  });

  it('names the leader, the rater, the quarter and the deadline', () => {
    const email = renderRaterEmail(requestInput());
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Alex Morgan');
      expect(part).toContain('Sam Lee');
      expect(part).toContain('2025-Q4');
      expect(part).toContain('Monday, 12 January 2026 at 17:00 UTC');
    }
    expect(email.subject).toBe('Please give feedback on Alex Morgan (2025-Q4 review)');
  });

  it('names at most two people in the subject, then counts', () => {
    const many = renderRaterEmail({
      ...SEVERAL,
      requests: ['A', 'B', 'C', 'D', 'E'].map((n, i) => ({
        leaderName: n,
        group: 'peer',
        link: `${LINK}${i}`,
      })),
    });
    expect(many.subject).toBe('Please give feedback on A, B and 3 others (2025-Q4 review)');
  });

  it('uses self-assessment wording for the self group', () => {
    const email = renderRaterEmail(requestInput({ raterGroup: 'self', raterName: 'Alex Morgan' }));
    expect(email.subject).toBe('Your 2025-Q4 self-assessment');
    expect(email.html).toContain('self-assessment');
    expect(email.text).toContain('Start my self-assessment');
    expect(email.text).not.toContain('Give feedback');
    expect(email.text).not.toContain("can't judge");
  });

  it.each(['coachee', 'peer', 'manager', 'self'] as const)(
    'a reminder differs from an invitation (%s)',
    (group) => {
      const invitation = renderRaterEmail(requestInput({ raterGroup: group as RaterGroup }));
      const reminder = renderRaterEmail(requestInput({ raterGroup: group as RaterGroup, kind: 'reminder' }));
      expect(reminder.subject).not.toBe(invitation.subject);
      expect(reminder.subject).toMatch(/^Reminder: /);
      expect(reminder.subject).toContain('12 Jan');
      expect(invitation.subject).not.toMatch(/reminder/i);
      expect(reminder.text).toMatch(/This is a reminder/);
      expect(invitation.text).not.toMatch(/reminder/i);
      expect(reminder.text).toContain(LINK);
    },
  );

  it('keeps subjects on one line even when names contain line breaks', () => {
    for (const kind of ['invitation', 'reminder'] as const) {
      for (const raterGroup of ['coachee', 'self'] as const) {
        const email = renderRaterEmail(
          requestInput({
            kind,
            raterGroup,
            leaderName: 'Alex\r\nBcc: evil@example.com\nMorgan',
            quarter: '2025-\nQ4',
          }),
        );
        expect(email.subject).not.toMatch(/[\r\n]/);
      }
    }
    const email = renderRaterEmail(requestInput({ leaderName: 'Alex\r\nBcc: evil@example.com' }));
    expect(email.subject).toBe('Please give feedback on Alex Bcc: evil@example.com (2025-Q4 review)');
  });

  it('tells coachees and peers that answers are anonymous, managers that theirs are not', () => {
    expect(renderRaterEmail(requestInput({ raterGroup: 'peer' })).text).toMatch(/anonymous/);
    expect(renderRaterEmail(requestInput({ raterGroup: 'manager' })).text).not.toMatch(/anonymous/);
  });

  it('refuses a link that is not http(s), and an email listing nobody', () => {
    expect(() => renderRaterEmail(requestInput({ link: 'javascript:alert(1)' }))).toThrow();
    expect(() => renderRaterEmail({ ...SEVERAL, requests: [] })).toThrow();
  });
});

describe('renderLeaderReportEmail', () => {
  const email = leaderReport();

  it('shows each group with its means to one decimal and — for nobody', () => {
    expect(email.html).toContain('Your manager (1 response)');
    expect(email.html).toContain('Your coachees and peers (combined) (4 responses)');
    const table = rows(email.html);
    // Rows follow the label order; ids without a label come last.
    expect(table).toContainEqual(['Coaching questions', '4.0']);
    expect(table).toContainEqual(['Hiring', '3.3']);
    expect(table).toContainEqual(['Stand-in', '—']);
    expect(table).toContainEqual(['Coaching questions', '4.5']);
    expect(table).toContainEqual(['Knowledge transfer', '2.0']);
    expect(email.text).toContain('  Hiring: 3.3');
    expect(email.text).toContain('  Stand-in: —');
  });

  it('renders comments per group, the withheld notes and the development needs', () => {
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Clear weekly plans');
      expect(part).toContain('Great deal reviews');
      expect(part).toContain('Delegate more');
      expect(part).toContain('Peer results are not shown: only 2 peers answered.');
      expect(part).toContain('Knowledge transfer (26 of 100)');
      expect(part).toContain('Hiring (56 of 100)');
    }
    expect(email.html.indexOf('Great deal reviews')).toBeGreaterThan(email.html.indexOf('(4 responses)'));
    expect(email.html.indexOf('Clear weekly plans')).toBeLessThan(email.html.indexOf('(4 responses)'));
  });

  it('never includes the readiness score or the recommendation', () => {
    for (const part of [email.subject, email.html, email.text]) {
      expect(part).not.toMatch(
        /readiness|recommend|ready[- ]now|ready[- ]next|insufficient|develop-in-role/i,
      );
    }
  });

  it('does not leak extra fields the caller passes along', () => {
    const withHrFields = {
      ...REPORT,
      readinessScore: 81,
      recommendation: 'ready-now',
    } as LeaderReport;
    const leaked = leaderReport({ report: withHrFields });
    expect(leaked.html).not.toMatch(/81|ready-now/);
    expect(leaked.text).not.toMatch(/81|ready-now/);
  });

  it('has a subject without line breaks', () => {
    expect(email.subject).toBe('Your 2025-Q4 development report');
    expect(leaderReport({ quarter: '2025\n-Q4' }).subject).not.toMatch(/[\r\n]/);
  });

  it('says so when there are no development needs or no groups', () => {
    const empty = leaderReport({ developmentNeeds: [], report: { groups: [], withheld: [] } });
    expect(empty.text).toContain('No competency is below target');
    expect(empty.html).toContain('No group had enough answers');
  });
});

describe('renderManagerSummaryEmail', () => {
  const email = renderManagerSummaryEmail({
    managerName: 'Pat Kim',
    team: 'North',
    quarter: '2025-Q4',
    leaders: [
      {
        name: 'Alex Morgan',
        readinessScore: 78.4,
        recommendation: 'ready-now',
        flags: ['stand-in-ready'],
        developmentNeeds: NEEDS,
      },
      {
        name: 'Jo Park',
        readinessScore: null,
        recommendation: 'insufficient-evidence',
        flags: [],
        developmentNeeds: [],
      },
    ],
  });

  it('lists each leader with readiness, recommendation, flags and development needs', () => {
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Alex Morgan');
      expect(part).toContain('78 of 100');
      expect(part).toContain('Ready now');
      expect(part).toContain('Stand-in ready');
      expect(part).toContain('Knowledge transfer, Hiring');
      expect(part).toContain('Insufficient evidence');
    }
    expect(rows(email.html)).toContainEqual(['Readiness', '—']);
    expect(email.subject).toBe('2025-Q4 readiness summary for North');
  });

  it('keeps the subject on one line', () => {
    const e = renderManagerSummaryEmail({
      managerName: 'P',
      team: 'North\r\nSouth',
      quarter: '2025-Q4',
      leaders: [],
    });
    expect(e.subject).toBe('2025-Q4 readiness summary for North South');
  });
});

describe('renderHrSummaryEmail: email delivery', () => {
  const base = {
    quarter: '2025-Q4',
    requests: { total: 3, answered: 3, declined: 0, expired: 0 },
    leaders: [],
  };
  const none = { raters: 12, undeliverable: 0, reasons: [], bounced: 0, complained: 0, suppressed: 0 };

  it('says when every rater was emailed without a problem', () => {
    const email = renderHrSummaryEmail({ ...base, delivery: none });
    expect(email.text).toContain('EMAIL DELIVERY\nOf 12 raters, every one was emailed without a problem.');
  });

  it("lists the raters SES refused, with SES's reason, beside bounced, complained and suppressed", () => {
    const email = renderHrSummaryEmail({
      ...base,
      delivery: {
        ...none,
        undeliverable: 3,
        reasons: [
          { reason: 'Domain contains dot-dot', raters: 2 },
          { reason: 'Local address contains control or whitespace', raters: 1 },
        ],
        bounced: 1,
        suppressed: 2,
      },
    });
    const table = rows(email.html);
    expect(table).toContainEqual(['Email refused by SES: Domain contains dot-dot', '2 raters']);
    expect(table).toContainEqual([
      'Email refused by SES: Local address contains control or whitespace',
      '1 rater',
    ]);
    expect(table).toContainEqual(['Email bounced', '1 rater']);
    expect(table).toContainEqual([
      'Not emailed (address suppressed after a bounce or complaint)',
      '2 raters',
    ]);
    expect(table.some((row) => row[0] === 'Marked as spam (complaint)')).toBe(false);
    expect(email.text).toContain('  Email refused by SES: Domain contains dot-dot: 2 raters');
  });
});

describe('renderHrSummaryEmail', () => {
  const email = renderHrSummaryEmail({
    quarter: '2025-Q4',
    requests: { total: 40, answered: 30, declined: 4, expired: 6 },
    leaders: [
      {
        name: 'Alex Morgan',
        team: 'North',
        readinessScore: 78.4,
        recommendation: 'ready-now',
        flags: ['stand-in-ready'],
      },
      {
        name: 'Jo Park',
        team: 'South',
        readinessScore: 41,
        recommendation: 'review-coaching-role',
        flags: [],
      },
      { name: 'Lee Chan', team: 'South', readinessScore: 66, recommendation: 'ready-now', flags: [] },
    ],
  });

  it('summarises requests and recommendations', () => {
    const table = rows(email.html);
    expect(table).toContainEqual(['Feedback requests', '40']);
    expect(table).toContainEqual(['Answered', '30 (75%)']);
    expect(table).toContainEqual(['Declined', '4']);
    expect(table).toContainEqual(['Expired unanswered', '6']);
    expect(table).toContainEqual(['Ready now', '2']);
    expect(table).toContainEqual(['Review coaching role', '1']);
    expect(table).toContainEqual(['Alex Morgan', 'North', '78', 'Ready now', 'Stand-in ready']);
    expect(email.text).toContain('Alex Morgan | North | 78 | Ready now | Stand-in ready');
    expect(email.text).toContain('Answered: 30 (75%)');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('lists at most maxListed leaders and points to the export', () => {
    const many = renderHrSummaryEmail({
      quarter: '2025-Q4',
      requests: { total: 0, answered: 0, declined: 0, expired: 0 },
      leaders: Array.from({ length: 5 }, (_, i) => ({
        name: `Leader ${i}`,
        team: 'T',
        readinessScore: 50,
        recommendation: 'develop-in-role' as const,
        flags: [],
      })),
      maxListed: 2,
    });
    expect(many.html).toContain('Leader 1');
    expect(many.html).not.toContain('Leader 2');
    expect(many.text).toContain('…and 3 more leaders.');
    expect(many.text).toContain('ladder export --quarter 2025-Q4 --format csv');
    expect(rows(many.html)).toContainEqual(['Develop in role', '5']);
  });
});

describe('escaping in every email', () => {
  const emails: Record<string, RenderedEmail> = {
    invitation: renderRaterEmail(requestInput({ raterName: NASTY, leaderName: NASTY, quarter: NASTY })),
    reminderSelf: renderRaterEmail(
      requestInput({ kind: 'reminder', raterGroup: 'self', raterName: NASTY, leaderName: NASTY }),
    ),
    reminderManager: renderRaterEmail(
      requestInput({ kind: 'reminder', raterGroup: 'manager', leaderName: NASTY }),
    ),
    invitationOfSeveral: renderRaterEmail({
      ...SEVERAL,
      raterName: NASTY,
      requests: SEVERAL.requests.map((request) => ({ ...request, leaderName: NASTY, link: LINK })),
    }),
    leaderReport: leaderReport({
      leaderName: NASTY,
      quarter: NASTY,
      report: {
        groups: [
          {
            group: 'others',
            responses: 3,
            competencyMeans: { hiring: 3, [NASTY]: 2 },
            comments: { keep: [NASTY], change: [`line 1\n${NASTY}`] },
          },
        ],
        withheld: [NASTY],
      },
      developmentNeeds: [{ id: 'hiring', label: NASTY, score: 10 }],
      competencyLabels: { hiring: NASTY },
    }),
    managerSummary: renderManagerSummaryEmail({
      managerName: NASTY,
      team: NASTY,
      quarter: '2025-Q4',
      leaders: [
        {
          name: NASTY,
          readinessScore: 50,
          recommendation: 'develop-in-role',
          flags: [NASTY],
          developmentNeeds: [{ id: 'x', label: NASTY, score: 1 }],
        },
      ],
    }),
    hrSummary: renderHrSummaryEmail({
      quarter: NASTY,
      requests: { total: 1, answered: 1, declined: 0, expired: 0 },
      leaders: [{ name: NASTY, team: NASTY, readinessScore: 1, recommendation: 'ready-now', flags: [NASTY] }],
      delivery: {
        raters: 3,
        undeliverable: 1,
        reasons: [{ reason: NASTY, raters: 1 }],
        bounced: 0,
        complained: 0,
        suppressed: 0,
      },
    }),
  };

  it.each(Object.keys(emails))('%s escapes everything user-provided in HTML', (key) => {
    const { html, subject, text } = emails[key]!;
    expect(injectionProblems(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Tom &amp; Jerry');
    // The plain-text part is not HTML: it shows the text as written.
    expect(text).toContain(SCRIPT);
    expect(text).toContain(IMG);
    expect(text).toContain(AMP);
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('every HTML part is a whole document with lang and viewport, and no scripts or remote assets', () => {
    for (const { html } of Object.values(emails)) {
      const all = tags(html);
      expect(all.find((t) => t.name === 'html')?.attrs.lang).toBe('en');
      expect(all.some((t) => t.name === 'meta' && t.attrs.name === 'viewport')).toBe(true);
      expect(all.some((t) => ['script', 'link', 'img', 'style'].includes(t.name))).toBe(false);
      const urls = all.flatMap((t) => Object.values(t.attrs)).filter((v) => /^https?:/.test(v));
      expect(urls.every((u) => u === LINK)).toBe(true);
    }
  });

  it('keeps the comment line breaks visible', () => {
    const report = emails.leaderReport!;
    expect(report.html).toMatch(/white-space:pre-line">line 1\nAnn &lt;script&gt;/);
    expect(report.text).toContain(`line 1\n    ${NASTY}`);
  });
});
