import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_CATALOGUE } from '@sons/contracts';
import { EmailTemplates } from './email-templates.js';

const context = {
  event: { id: 'e1', type: 'lu.esante.sons.enrolment.application.submitted.v1', caseId: 'c1', time: '2026-03-02T09:30:00Z' },
  data: { enrolmentId: '0b6f7c1e-2a55-4f40-9d0f-2c1f7d3a9e11', vendorId: 'v1', status: 'submitted', personType: 'legal' },
  vendor: { name: 'MediSoft <Luxembourg> S.à r.l.', email: 'contact@medisoft.lu' },
  portalUrl: 'https://sons.esante.lu',
};

function tempTemplates(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sons-templates-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('e-mail templates', () => {
  const templates = EmailTemplates.load();

  it('should load the shipped templates, each for an event of the catalogue, in French and English', () => {
    expect(templates.eventTypes.length).toBeGreaterThan(0);
    for (const type of templates.eventTypes) {
      expect(EVENT_CATALOGUE.map((e) => e.type)).toContain(type);
      for (const audience of templates.audiencesFor(type)) {
        for (const locale of ['fr', 'en'] as const) {
          const rendered = templates.render(type, { ...context, event: { ...context.event, type }, audience, locale });
          expect(rendered.subject.length).toBeGreaterThan(5);
          expect(rendered.text).toContain('https://sons.esante.lu/');
        }
      }
    }
  });

  it('should format amounts in cents and dates in the reader’s language', () => {
    const type = 'lu.esante.sons.billing.invoice.issued.v1';
    const data = { invoiceId: 'i1', number: 'SONS-2026-000042', vendorId: 'v1', totalInclVatCents: 64000, paidCents: 0 };
    expect(templates.render(type, { ...context, data, audience: 'vendor', locale: 'fr' }).subject).toBe(
      'Facture SONS-2026-000042 émise (640,00 € TTC)',
    );
    expect(templates.render(type, { ...context, data, audience: 'vendor', locale: 'en' }).subject).toBe(
      'Invoice SONS-2026-000042 issued (€640.00 incl. VAT)',
    );
    const due = templates.render('lu.esante.sons.labelling.request.complement-requested.v1', {
      ...context,
      data: { labelRequestId: 'r1', softwareName: 'MediDesk', version: '4.2', dueBefore: '2026-07-01T00:00:00+02:00' },
      audience: 'vendor',
      locale: 'fr',
    });
    expect(due.subject).toBe('Compléments demandés pour votre demande de labélisation — MediDesk 4.2');
    expect(due.text).toContain('Répondez avant le 1 juillet 2026');
  });

  it('should route Form 1 to the vendor and INCERT and render the vendor text in its language', () => {
    const type = 'lu.esante.sons.enrolment.application.submitted.v1';
    expect(templates.audiencesFor(type).sort()).toEqual(['incert', 'vendor']);
    const fr = templates.render(type, { ...context, audience: 'vendor', locale: 'fr' });
    expect(fr.subject).toBe('Formulaire d’enrôlement reçu');
    expect(fr.text).toContain('Bonjour MediSoft <Luxembourg> S.à r.l.,');
    expect(fr.text).toContain('2 mars 2026');
    expect(fr.html).toContain('MediSoft &lt;Luxembourg&gt; S.à r.l.');
    expect(fr.html).toContain('<a href="https://sons.esante.lu/portal/enrolments/0b6f7c1e-2a55-4f40-9d0f-2c1f7d3a9e11">');
    const en = templates.render(type, { ...context, audience: 'vendor', locale: 'en' });
    expect(en.subject).toBe('Enrolment form received');
    expect(en.text).toContain('2 March 2026');
    expect(templates.title(type, ['vendor'], context)).toEqual({
      fr: 'Formulaire d’enrôlement reçu',
      en: 'Enrolment form received',
    });
    expect(templates.title('lu.esante.sons.nothing.here.happened.v1', ['vendor'], context)).toBeNull();
  });

  it('should take a new event type from a new directory alone, and refuse a template without its other language', () => {
    const dir = tempTemplates({
      'labelling.request.complement-requested.v1/vendor.fr.hbs':
        '---\nsubject: Compléments demandés ({{data.requestId}})\n---\nBonjour',
      'labelling.request.complement-requested.v1/vendor.en.hbs':
        '---\nsubject: Complements requested ({{data.requestId}})\n---\nHello',
    });
    const loaded = EmailTemplates.load(dir);
    expect(loaded.audiencesFor('lu.esante.sons.labelling.request.complement-requested.v1')).toEqual(['vendor']);
    expect(
      loaded.render('lu.esante.sons.labelling.request.complement-requested.v1', {
        ...context,
        data: { requestId: 'R-1' },
        audience: 'vendor',
        locale: 'en',
      }).subject,
    ).toBe('Complements requested (R-1)');

    const missing = tempTemplates({
      'billing.invoice.accepted.v1/vendor.fr.hbs': '---\nsubject: Facture acceptée\n---\nBonjour',
    });
    expect(() => EmailTemplates.load(missing)).toThrow('vendor.en.hbs is missing');
    const noSubject = tempTemplates({
      'billing.invoice.accepted.v1/aes.fr.hbs': 'Bonjour',
      'billing.invoice.accepted.v1/aes.en.hbs': 'Hello',
    });
    expect(() => EmailTemplates.load(noSubject)).toThrow('front matter');
    const badName = tempTemplates({ 'billing-invoice/aes.fr.hbs': '---\nsubject: x\n---\n' });
    expect(() => EmailTemplates.load(badName)).toThrow('<context>.<aggregate>.<past-tense>.v<N>');
    const badSyntax = tempTemplates({
      'billing.invoice.accepted.v1/aes.fr.hbs': '---\nsubject: x\n---\n{{#if}}',
      'billing.invoice.accepted.v1/aes.en.hbs': '---\nsubject: x\n---\nok',
    });
    expect(() => EmailTemplates.load(badSyntax)).toThrow();
  });
});
