import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { EMAIL_AUDIENCES, EVENT_TYPE_PREFIX, type EmailAudience, type Locale, type Localized } from '@sons/contracts';

// Data-driven e-mail routing (docs/events.md, "E-mail notifications"): a directory per event type under
// templates/email/, named by the type without "lu.esante.sons." (e.g. enrolment.application.submitted.v1), holding
// `<audience>.<locale>.hbs` for each audience that must be told (vendor, incert, aes) in French and English.
// A new event type needs only its directory; no code changes.
export const DEFAULT_TEMPLATES_DIR = resolve(import.meta.dirname, '..', '..', 'templates', 'email');
const LOCALES: readonly Locale[] = ['fr', 'en'];

export type EmailContext = {
  event: { id: string; type: string; caseId: string; time: string };
  data: Record<string, unknown>;
  vendor: { name: string; email: string } | null;
  audience: EmailAudience;
  locale: Locale;
  portalUrl: string;
};

type Compiled = { subject: Handlebars.TemplateDelegate; body: Handlebars.TemplateDelegate; source: string };
export type Rendered = { subject: string; text: string; html: string };

const hbs = Handlebars.create();
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
hbs.registerHelper('date', (value: unknown, options: { data: { root: EmailContext } }) => {
  const date = new Date(text(value));
  if (Number.isNaN(date.getTime())) return text(value);
  return new Intl.DateTimeFormat(options.data.root.locale === 'en' ? 'en-GB' : 'fr-LU', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Luxembourg',
  }).format(date);
});
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
// Amounts travel in integer cents: 64000 → « 640,00 € » / "€640.00".
hbs.registerHelper('euros', (cents: unknown, options: { data: { root: EmailContext } }) => {
  const value = Number(cents);
  if (!Number.isFinite(value)) return text(cents);
  return new Intl.NumberFormat(options.data.root.locale === 'en' ? 'en-GB' : 'fr-LU', {
    style: 'currency',
    currency: 'EUR',
  }).format(value / 100);
});

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Plain text is the source; the HTML alternative has the same words, one <p> per paragraph, links made clickable.
const toHtml = (text: string, subject: string): string => {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) =>
      escapeHtml(p.trim())
        .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
        .replace(/\n/g, '<br>'),
    )
    .filter(Boolean)
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family: sans-serif; line-height: 1.4">\n${paragraphs}\n</body></html>`;
};

function parse(file: string): Compiled {
  const source = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${file}: must start with a front matter block (---\\nsubject: …\\n---)`);
  const subjectLine = match[1].split(/\r?\n/).find((l) => l.startsWith('subject:'));
  if (!subjectLine) throw new Error(`${file}: front matter has no "subject:" line`);
  const subject = subjectLine.slice('subject:'.length).trim();
  // Text mail: no HTML escaping here; the HTML alternative escapes the rendered text.
  const options = { noEscape: true, strict: false } as const;
  const compiled = { subject: hbs.compile(subject, options), body: hbs.compile(match[2].trim() + '\n', options), source };
  // Surface syntax errors at start, not at the first event.
  hbs.precompile(subject);
  hbs.precompile(match[2]);
  return compiled;
}

export class EmailTemplates {
  private constructor(private readonly byType: Map<string, Map<EmailAudience, Record<Locale, Compiled>>>) {}

  static load(dir = DEFAULT_TEMPLATES_DIR): EmailTemplates {
    const byType = new Map<string, Map<EmailAudience, Record<Locale, Compiled>>>();
    if (!existsSync(dir)) throw new Error(`e-mail templates directory not found: ${dir}`);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
      if (!/^[a-z0-9-]+\.[a-z0-9-]+\.[a-z0-9-]+\.v\d+$/.test(entry.name)) {
        throw new Error(`templates/email/${entry.name}: the directory must be named <context>.<aggregate>.<past-tense>.v<N>`);
      }
      const audiences = new Map<EmailAudience, Record<Locale, Compiled>>();
      const files = readdirSync(join(dir, entry.name)).filter((f) => f.endsWith('.hbs'));
      for (const file of files) {
        const [audience, locale] = file.replace(/\.hbs$/, '').split('.');
        if (!(EMAIL_AUDIENCES as readonly string[]).includes(audience ?? '') || !LOCALES.includes(locale as Locale)) {
          throw new Error(
            `templates/email/${entry.name}/${file}: name it <audience>.<locale>.hbs with audience ${EMAIL_AUDIENCES.join('|')} and locale fr|en`,
          );
        }
        const forAudience = audiences.get(audience as EmailAudience) ?? ({} as Record<Locale, Compiled>);
        forAudience[locale as Locale] = parse(join(dir, entry.name, file));
        audiences.set(audience as EmailAudience, forAudience);
      }
      for (const [audience, locales] of audiences) {
        for (const locale of LOCALES) {
          if (!locales[locale])
            throw new Error(
              `templates/email/${entry.name}: ${audience}.${locale}.hbs is missing (every message exists in French and English)`,
            );
        }
      }
      if (audiences.size) byType.set(`${EVENT_TYPE_PREFIX}.${entry.name}`, audiences);
    }
    return new EmailTemplates(byType);
  }

  get eventTypes(): string[] {
    return [...this.byType.keys()];
  }

  audiencesFor(eventType: string): EmailAudience[] {
    return [...(this.byType.get(eventType)?.keys() ?? [])];
  }

  render(eventType: string, context: EmailContext): Rendered {
    const template = this.byType.get(eventType)?.get(context.audience)?.[context.locale];
    if (!template) throw new Error(`no ${context.audience}.${context.locale} template for ${eventType}`);
    const subject = template.subject(context).replace(/\s+/g, ' ').trim();
    const text = template.body(context);
    return { subject, text, html: toHtml(text, subject) };
  }

  // In-app notifications show the e-mail subject of the reader's audience, in both languages.
  // The event types that have a template for this audience.
  typesFor(audience: EmailAudience): string[] {
    return [...this.byType].filter(([, audiences]) => audiences.has(audience)).map(([type]) => type);
  }

  title(
    eventType: string,
    audiences: readonly EmailAudience[],
    context: Omit<EmailContext, 'audience' | 'locale'>,
  ): Localized | null {
    const audience = audiences.find((a) => this.byType.get(eventType)?.has(a));
    if (!audience) return null;
    const render = (locale: Locale) => this.render(eventType, { ...context, audience, locale }).subject;
    return { fr: render('fr'), en: render('en') };
  }
}
