import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { pino } from 'pino';
import { DomainError, eventTypeOf, vendorContact } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { ApiClient, expectEventually, operator, startSystem, type RunningSystem } from '@sons/testing';
import { Mailbox } from './smtp-mailbox.js';

// Starting the processes takes ~10 s; give a loaded machine (2 shared cores) more before calling it a failure.
const START_TIMEOUT_MS = 150_000;

type Email = {
  id: string;
  audience: string;
  status: string;
  to: string[];
  locale: string;
  subject: string | null;
  attempts: number;
  lastError: string | null;
};

const form1 = {
  personType: 'legal',
  companyName: 'Cabinet Numérique S.A.',
  ceoFirstName: 'Anne',
  ceoLastName: 'Muller',
  matricule: '20171234567',
  rcsNumber: 'B654321',
  vatNumber: 'LU26375245',
  iban: 'LU28 0019 4006 4475 0000',
  email: 'direction@cabinet-numerique.lu',
  countryOfEstablishment: 'LU',
  declaration: true,
};

const emailsOf = async (system: RunningSystem, caseId: string) => {
  const incert = await operator(system.baseUrl, 'incert');
  return (await incert.get<{ items: Email[] }>(`/api/notifications/emails?caseId=${caseId}`)).body.items;
};

describe('e-mail notifications over SMTP', () => {
  let mailbox: Mailbox;

  beforeAll(async () => {
    mailbox = await new Mailbox().start();
  });
  afterAll(async () => {
    await mailbox?.stop();
  });

  describe('when a vendor submits Form 1 through the gateway', () => {
    let system: RunningSystem;
    beforeAll(async () => {
      system = await startSystem({
        name: 'email_form1',
        services: ['enrolment', 'notifications'],
        env: {
          SMTP_URL: mailbox.url,
          OPERATOR_EMAILS_INCERT: 'desk@incert.example.lu, lead@incert.example.lu',
          EMAIL_RETRY_SCHEDULE: '200ms,400ms',
          EMAIL_RECIPIENT_ATTEMPTS: '2',
          EMAIL_POLL_MS: '100',
        },
      });
    }, START_TIMEOUT_MS);
    afterAll(async () => {
      await system?.stop();
    });

    it('should e-mail INCERT and the vendor’s contact over SMTP, retrying after a temporary SMTP refusal, and record both as sent', async () => {
      mailbox.refuseNext = 1;
      const vendor = await new ApiClient(system.baseUrl).register('form1-mail@example.lu');
      const created = (await vendor.post<{ enrolmentId: string; vendorId: string }>('/api/enrolments', { data: form1 })).body;
      const mail = await expectEventually(() => {
        const found = mailbox.messages.find((m) => m.to.includes('desk@incert.example.lu'));
        expect(found).toBeDefined();
        return found!;
      });
      expect(mail.to.sort()).toEqual(['desk@incert.example.lu', 'lead@incert.example.lu']);
      expect(mail.subject).toBe('Nouveau dossier d’enrôlement à examiner');
      expect(mail.text).toContain('(Formulaire 1, personne morale) de Cabinet Numérique S.A. a été soumis');
      expect(mail.text).toContain(`${system.baseUrl}/back-office/enrolments/${created.enrolmentId}`);
      expect(mail.html).toContain(`<a href="${system.baseUrl}/back-office/enrolments/${created.enrolmentId}">`);
      expect(mail.headers['x-sons-event-type']).toBe('lu.esante.sons.enrolment.application.submitted.v1');
      expect(mailbox.refused).toBe(1);

      const emails = await expectEventually(async () => {
        const items = await emailsOf(system, created.enrolmentId);
        expect(items.map((e) => e.audience).sort()).toEqual(['incert', 'vendor']);
        expect(items.every((e) => e.status !== 'pending')).toBe(true);
        return items;
      });
      const incert = emails.find((e) => e.audience === 'incert')!;
      expect(incert).toMatchObject({ status: 'sent', subject: 'Nouveau dossier d’enrôlement à examiner', locale: 'fr' });
      const sent = emails.filter((e) => e.status === 'sent');
      // One of the sent messages needed a second attempt (the 451 above).
      expect(sent.reduce((n, e) => n + e.attempts, 0)).toBe(sent.length + 1);
      // The enrolment service answers sons.enrolment.vendor.contact: the vendor's contact address gets its own words.
      expect(emails.find((e) => e.audience === 'vendor')).toMatchObject({
        status: 'sent',
        to: [form1.email],
        subject: 'Formulaire d’enrôlement reçu',
      });
      const vendorMail = mailbox.messages.find((m) => m.to.includes(form1.email))!;
      expect(vendorMail.text).toContain('Bonjour Cabinet Numérique S.A.,');
      expect(vendorMail.text).toContain(`${system.baseUrl}/portal/enrolments/${created.enrolmentId}`);
    });
  });

  describe('when the vendor contact is asked for on the bus', () => {
    let system: RunningSystem;
    const publish = async (event: string, data: Record<string, unknown>, caseId = randomUUID()) => {
      const type = eventTypeOf(event);
      const id = randomUUID();
      await jetstream(system.nc).publish(
        `${system.subjectPrefix}${event}`,
        JSON.stringify({
          specversion: '1.0',
          id,
          source: '/sons/enrolment',
          type,
          subject: caseId,
          time: new Date().toISOString(),
          datacontenttype: 'application/json',
          dataschema: `${system.baseUrl}/api/events/schemas/${type}.json`,
          sequence: 3,
          data: { enrolmentId: caseId, ...data },
        }),
        { msgID: id },
      );
      return caseId;
    };
    const settled = (caseId: string, audiences: string[]) =>
      expectEventually(async () => {
        const items = await emailsOf(system, caseId);
        expect(items.map((e) => e.audience).sort()).toEqual([...audiences].sort());
        expect(items.every((e) => e.status !== 'pending')).toBe(true);
        return Object.fromEntries(items.map((e) => [e.audience, e]));
      });

    beforeAll(async () => {
      // Only notifications runs: this test plays the enrolment service (publishes its events, answers its command).
      system = await startSystem({
        name: 'email_contact',
        services: ['notifications'],
        env: {
          SMTP_URL: mailbox.url,
          OPERATOR_EMAILS_AES: 'validation@aes.example.lu',
          EMAIL_RETRY_SCHEDULE: '200ms,400ms',
          EMAIL_RECIPIENT_ATTEMPTS: '2',
          EMAIL_POLL_MS: '100',
        },
      });
    }, START_TIMEOUT_MS);
    afterAll(async () => {
      await system?.stop();
    });

    const statusChange = (vendorId: string) => ({ vendorId, status: 'validated_incert', previousStatus: 'under_review' });

    it('should record "recipient unknown" when nobody answers sons.enrolment.vendor.contact, and still tell the operators', async () => {
      const caseId = await publish('sons.enrolment.application.incert-validated', statusChange(randomUUID()));
      const emails = await settled(caseId, ['vendor', 'aes']);
      expect(emails.vendor).toMatchObject({ status: 'recipient_unknown', attempts: 2 });
      expect(emails.vendor.lastError).toBe('recipient unknown: sons.enrolment.vendor.contact unanswered');
      expect(emails.aes).toMatchObject({ status: 'sent', to: ['validation@aes.example.lu'] });
      const mail = mailbox.messages.find((m) => m.to.includes('validation@aes.example.lu') && m.text.includes(caseId));
      expect(mail?.subject).toBe('Enrôlement validé par INCERT : validation AeS et contre-signature du NDA');
    });

    it("should e-mail the vendor's contact in its language with its name when the contact is known, and record an unknown vendor", async () => {
      const known = randomUUID();
      const bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
      bus.handle(
        vendorContact,
        async ({ vendorId }) => {
          if (vendorId !== known) throw new DomainError('VENDOR_NOT_FOUND', 404, { fr: 'Inconnu', en: 'Unknown' });
          return { vendorId, name: 'Clinique Test S.A.', email: 'it@clinique-test.lu', locale: 'en' as const };
        },
        'test-enrolment',
      );
      try {
        const caseId = await publish('sons.enrolment.application.incert-validated', statusChange(known));
        const emails = await settled(caseId, ['vendor', 'aes']);
        expect(emails.vendor).toMatchObject({
          status: 'sent',
          to: ['it@clinique-test.lu'],
          locale: 'en',
          subject: 'Your enrolment was validated by INCERT',
          attempts: 1,
        });
        const mail = mailbox.messages.find((m) => m.to.includes('it@clinique-test.lu'))!;
        expect(mail.subject).toBe('Your enrolment was validated by INCERT');
        expect(mail.text).toContain('Hello Clinique Test S.A.,');
        // Operators see the vendor's name too.
        expect(
          mailbox.messages.find((m) => m.to.includes('validation@aes.example.lu') && m.text.includes(caseId))?.text,
        ).toContain('(Clinique Test S.A.)');

        const unknownCase = await publish('sons.enrolment.application.rejected', {
          vendorId: randomUUID(),
          status: 'rejected',
          previousStatus: 'under_review',
        });
        const unknown = await settled(unknownCase, ['vendor']);
        expect(unknown.vendor).toMatchObject({ status: 'recipient_unknown', attempts: 1 });
        expect(unknown.vendor.lastError).toMatch(/^recipient unknown: vendor .* not found$/);
      } finally {
        await bus.drain();
      }
    });

    it('should tell the vendor when AeS cancels its invoice by a credit note', async () => {
      const vendorId = randomUUID();
      const bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
      bus.handle(
        vendorContact,
        async () => ({ vendorId, name: 'Zeta Logiciels SA', email: 'compta@zeta.example.lu', locale: 'fr' as const }),
        'test-enrolment',
      );
      try {
        const invoiceId = randomUUID();
        const caseId = await publish(
          'sons.billing.invoice.cancelled',
          {
            invoiceId,
            number: 'SONS-2026-000042',
            connectionId: randomUUID(),
            vendorId,
            status: 'cancelled',
            previousStatus: 'approved',
            totalInclVatCents: 64000,
            paidCents: 0,
            creditNoteId: randomUUID(),
            creditNoteNumber: 'AV-2026-000007',
          },
          invoiceId,
        );
        const emails = await settled(caseId, ['vendor']);
        expect(emails.vendor).toMatchObject({ status: 'sent', to: ['compta@zeta.example.lu'], locale: 'fr' });
        const mail = mailbox.messages.find((m) => m.to.includes('compta@zeta.example.lu'))!;
        expect(mail.subject).toBe('Facture SONS-2026-000042 annulée par l’avoir AV-2026-000007');
        expect(mail.text).toContain('640,00');
        expect(mail.text).toContain(`${system.baseUrl}/portal/invoices/${invoiceId}`);
      } finally {
        await bus.drain();
      }
    });
  });
});
