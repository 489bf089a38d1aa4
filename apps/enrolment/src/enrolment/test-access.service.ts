import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  form2DataSchema,
  testEnvironmentSchema,
  validationError,
  zodIssuesToFieldErrors,
  type Caller,
  type EnrolmentDetail,
  type Form2Data,
  type ParsedRequestOf,
  type getTestAccess,
  type grantTestAccess,
  type submitForm2,
} from '@sons/contracts';
import { FormDefinitions, Programme, SystemClock } from '@sons/platform';
import { validatePinnedForm } from '@sons/forms';
import { validators } from '@sons/forms';
import { AttachmentRefs } from '../attachments/attachment-refs.js';
import { evaluateForm2, failures, hardFailures, mergeChecklist, toChecklist } from '../eligibility/evaluate.js';
import { SecretBox } from '../secrets/secret-box.js';
import { Vendor } from '../vendor/vendor.entity.js';
import { assertExpectedVersion, assertMayAct } from './enrolment-access.js';
import { EnrolmentService } from './enrolment.service.js';

// Phase 1 step 4: the vendor submits Form 2 (signed); INCERT configures the test environment and records the access
// details for the vendor (encrypted at rest); the test_access_granted event makes Form 3 available.
@Injectable()
export class TestAccessService {
  constructor(
    @Inject(EnrolmentService) private readonly cases: EnrolmentService,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(Programme) private readonly programme: Programme,
    @Inject(AttachmentRefs) private readonly attachments: AttachmentRefs,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(FormDefinitions) private readonly forms: FormDefinitions,
  ) {}

  async submitForm2(
    request: ParsedRequestOf<typeof submitForm2>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    const current = await this.cases.get(request.enrolmentId, caller);
    const who = assertMayAct(caller, current, 'submit_form2');
    // Form 2 is sent never before the calendar's date (PROCESS.md, Calendar: from 2025-05-01).
    this.programme.requireReached('form2Opens', { fr: 'L’envoi du formulaire 2', en: 'Sending Form 2' });
    const parsed = form2DataSchema.safeParse(await validatePinnedForm(this.forms, 'form2', request.formVersion, request.data));
    if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
    const form2: Form2Data = parsed.data;
    const signedForm2 = form2.signedForm2AttachmentId ?? form2.signedForm2?.[0]?.attachmentId;
    const vendor = await this.vendorOf(current.vendorId);
    const verdicts = evaluateForm2({
      enrolledName: vendor.name,
      enrolledMatricule: vendor.matricule,
      vague1Participant: vendor.vague1Participant,
      existingProviderCode: vendor.existingProviderCode ?? null,
      form2,
    });
    const hard = hardFailures(verdicts);
    if (!signedForm2) {
      hard.push({
        path: 'signedForm2AttachmentId',
        rule: 'required',
        message: { fr: 'Joignez le formulaire 2 signé (fichier PDF).', en: 'Attach the signed Form 2 (PDF file).' },
      });
    }
    if (hard.length) throw validationError(hard);
    await this.attachments.require(signedForm2!, who, { field: 'signedForm2AttachmentId' });
    const failing = failures(verdicts);
    if (failing.length) {
      throw new DomainError(
        'FORM2_ELIGIBILITY_NOT_MET',
        422,
        {
          fr: `Le formulaire 2 ne remplit pas ${failing.length} critère(s) d’éligibilité : corrigez-le puis renvoyez-le.`,
          en: `Form 2 does not meet ${failing.length} eligibility check(s): correct it and send it again.`,
        },
        { errors: failing.map((v) => ({ path: v.field ?? '$', rule: v.rule, message: v.reason })) },
      );
    }
    return this.cases.act(request.enrolmentId, caller, async (tx, enrolment) => {
      assertMayAct(caller, enrolment, 'submit_form2');
      const now = this.clock.now();
      enrolment.form2Data = { ...form2, signedForm2AttachmentId: signedForm2 };
      enrolment.form2SubmittedAt = now;
      enrolment.eligibility = mergeChecklist(enrolment.eligibility ?? [], 'form2', toChecklist(verdicts, 'form2', now));
      this.cases.transition(tx, enrolment, 'test_access_requested', correlationId);
    });
  }

  grant(
    request: ParsedRequestOf<typeof grantTestAccess>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<EnrolmentDetail> {
    const providerCode = request.providerCode?.replace(/[\s-]/g, '');
    if (providerCode && !validators.providerCode.check(providerCode).ok) {
      throw validationError([
        {
          path: 'providerCode',
          rule: 'providerCode',
          message: {
            fr: 'Le code prestataire comporte 8 chiffres (par ex. 12345678).',
            en: 'The provider code has 8 digits (e.g. 12345678).',
          },
        },
      ]);
    }
    return this.cases.act(request.enrolmentId, caller, async (em, enrolment) => {
      const who = assertMayAct(caller, enrolment, 'grant_test_access');
      assertExpectedVersion(enrolment, request.expectedVersion);
      const vendor = await em.findOneOrFail(Vendor, { id: enrolment.vendorId });
      // Form 2 data was stored as parsed by its contract: existingProviderCode is a string when present.
      const existing =
        enrolment.form2Data?.providerCodeChoice === 'existing' ? enrolment.form2Data.existingProviderCode : undefined;
      const form2Code = (typeof existing === 'string' ? existing : '').replace(/[\s-]/g, '');
      const code = providerCode || form2Code || vendor.providerCode || null;
      if (!code) {
        throw validationError([
          {
            path: 'providerCode',
            rule: 'required',
            message: {
              fr: 'L’industriel a demandé un code prestataire avec le formulaire 2 : indiquez le code attribué.',
              en: 'The vendor requested a provider code with Form 2: give the code assigned.',
            },
          },
        ]);
      }
      const now = this.clock.now();
      vendor.providerCode = code;
      vendor.updatedAt = now;
      enrolment.testAccessSecret = this.secrets.seal(JSON.stringify(request.environment), enrolment.id);
      enrolment.testAccessGrantedAt = now;
      enrolment.testAccessGrantedBy = who.userId;
      this.cases.transition(em, enrolment, 'test_access_granted', correlationId);
    });
  }

  async get(request: ParsedRequestOf<typeof getTestAccess>, caller: Caller | null) {
    const enrolment = await this.cases.get(request.enrolmentId, caller);
    if (!enrolment.testAccessSecret || !enrolment.testAccessGrantedAt) {
      throw new DomainError('TEST_ACCESS_NOT_GRANTED', 404, {
        fr: 'L’accès à l’environnement de test n’est pas encore accordé : INCERT l’enregistre après réception du formulaire 2.',
        en: 'Test environment access is not granted yet: INCERT records it after receiving Form 2.',
      });
    }
    const environment = testEnvironmentSchema.parse(JSON.parse(this.secrets.open(enrolment.testAccessSecret, enrolment.id)));
    const vendor = await this.vendorOf(enrolment.vendorId);
    return {
      enrolmentId: enrolment.id,
      vendorId: enrolment.vendorId,
      grantedAt: enrolment.testAccessGrantedAt.toISOString(),
      providerCode: vendor.providerCode ?? null,
      environment,
    };
  }

  private vendorOf(vendorId: string): Promise<Vendor> {
    return this.cases.vendorById(vendorId);
  }
}
