import { describe, expect, it } from 'vitest';
import type { LeaderReport, RaterGroup } from '../../functions/core/model.ts';
import {
  type RenderedEmail,
  type RequestEmailInput,
  renderRequestEmail,
} from '../../functions/rendering/emails.ts';
import {
  renderHrSummaryEmail,
  renderLeaderReportEmail,
  renderManagerSummaryEmail,
} from '../../functions/rendering/report-emails.ts';
import { AMP, IMG, injectionProblems, NASTY, SCRIPT, tags } from './helpers.ts';

const LINK = 'https://ladder.example.com/feedback/Zq3x_9kLm-2PpR7sT0uVwA';

function requestInput(overrides: Partial<RequestEmailInput> = {}): RequestEmailInput {
  return {
    kind: 'invitation',
    raterName: 'Sam Lee',
    leaderName: 'Alex Morgan',
    raterGroup: 'coachee',
    link: LINK,
    deadline: '2026-01-12T17:00:00Z',
    quarter: '2025-Q4',
    ...overrides,
  };
}

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

/** Table rows of an HTML part as [label, value] cell texts. */
function rows(doc: string): string[][] {
  return [...doc.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]*>/g, '')),
  );
}

describe('renderRequestEmail', () => {
  it('contains the link in the HTML (href and visible text) and in the text part', () => {
    const email = renderRequestEmail(requestInput());
    const anchors = tags(email.html).filter((t) => t.name === 'a');
    expect(anchors.filter((a) => a.attrs.href === LINK).length).toBeGreaterThanOrEqual(1);
    expect(email.html).toContain(`>${LINK}</a>`);
    expect(email.text).toContain(LINK);
    expect(email.text.split('\n')).toContain(LINK);
  });

  it('names the leader, the rater, the quarter and the deadline', () => {
    const email = renderRequestEmail(requestInput());
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Alex Morgan');
      expect(part).toContain('Sam Lee');
      expect(part).toContain('2025-Q4');
      expect(part).toContain('Monday, 12 January 2026 at 17:00 UTC');
    }
    expect(email.subject).toBe('Please give feedback on Alex Morgan (2025-Q4 review)');
  });

  it('uses self-assessment wording for the self group', () => {
    const email = renderRequestEmail(requestInput({ raterGroup: 'self', raterName: 'Alex Morgan' }));
    expect(email.subject).toBe('Your 2025-Q4 self-assessment');
    expect(email.html).toContain('self-assessment');
    expect(email.text).toContain('Start my self-assessment');
    expect(email.text).not.toContain('Give feedback');
    expect(email.text).not.toContain("can't judge");
  });

  it.each(['coachee', 'peer', 'manager', 'self'] as const)(
    'a reminder differs from an invitation (%s)',
    (group) => {
      const invitation = renderRequestEmail(requestInput({ raterGroup: group as RaterGroup }));
      const reminder = renderRequestEmail(
        requestInput({ raterGroup: group as RaterGroup, kind: 'reminder' }),
      );
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
        const email = renderRequestEmail(
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
    const email = renderRequestEmail(requestInput({ leaderName: 'Alex\r\nBcc: evil@example.com' }));
    expect(email.subject).toBe('Please give feedback on Alex Bcc: evil@example.com (2025-Q4 review)');
  });

  it('tells coachees and peers that answers are anonymous, managers that theirs are not', () => {
    expect(renderRequestEmail(requestInput({ raterGroup: 'peer' })).text).toMatch(/anonymous/);
    expect(renderRequestEmail(requestInput({ raterGroup: 'manager' })).text).not.toMatch(/anonymous/);
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => renderRequestEmail(requestInput({ link: 'javascript:alert(1)' }))).toThrow();
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
    invitation: renderRequestEmail(requestInput({ raterName: NASTY, leaderName: NASTY, quarter: NASTY })),
    reminderSelf: renderRequestEmail(
      requestInput({ kind: 'reminder', raterGroup: 'self', raterName: NASTY, leaderName: NASTY }),
    ),
    reminderManager: renderRequestEmail(
      requestInput({ kind: 'reminder', raterGroup: 'manager', leaderName: NASTY }),
    ),
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
