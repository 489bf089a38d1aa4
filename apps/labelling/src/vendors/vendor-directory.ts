import { Inject, Injectable } from '@nestjs/common';
import { DomainError, getVendor, type VendorDto } from '@sons/contracts';
import { Bus } from '@sons/platform';

// The vendor's identity lives in the enrolment service (Form 1, change requests): asked for when a request is
// created (the enrolled name) and when a document is rendered (name, address, representative at that date).
@Injectable()
export class VendorDirectory {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  async get(vendorId: string, correlationId?: string): Promise<VendorDto> {
    try {
      return await this.bus.request(getVendor, { vendorId }, { correlationId, timeoutMs: 5000 });
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) {
        throw new DomainError(
          'VENDOR_UNKNOWN',
          409,
          {
            fr: 'L’industriel de ce dossier est inconnu du service d’enrôlement : vérifiez son enrôlement (formulaire 1).',
            en: 'The vendor of this case is unknown to the enrolment service: check its enrolment (Form 1).',
          },
          { meta: { vendorId } },
        );
      }
      throw error;
    }
  }
}
