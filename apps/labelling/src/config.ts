import { z } from 'zod';
import { baseConfigSchema } from '@sons/platform';

const signatory = z.object({ name: z.string().trim().min(1).max(200), role: z.string().trim().min(1).max(200) });
export const signatoriesSchema = z.object({ ciss: signatory, aes: signatory, cns: signatory, incert: signatory });
export type Signatories = z.infer<typeof signatoriesSchema>;

export const configSchema = baseConfigSchema.extend({
  // Who signs the attestations for CISS, AeS, CNS and INCERT (programme data), as JSON:
  // {"ciss":{"name":"…","role":"…"},"aes":{…},"cns":{…},"incert":{…}}. Defaults to the programme's roles.
  LABELLING_SIGNATORIES: z
    .string()
    .transform((raw, ctx) => {
      try {
        return signatoriesSchema.parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON {"ciss":{"name","role"},"aes":{…},"cns":{…},"incert":{…}}' });
        return z.NEVER;
      }
    })
    .optional(),
  // Where the public registry page is (printed on the attestation de labélisation); defaults to PUBLIC_BASE_URL/registry.
  LABELLING_REGISTRY_URL: z.string().url().optional(),
});
export type LabellingConfig = z.infer<typeof configSchema>;
