import { invalid, VALID, type NamedValidator } from './named-validator.types.js';

// CNS provider code (code prestataire) of a doctor or a vendor. (decision) 8 digits, stored
// without the dash it is sometimes printed with (123456-78 → 12345678); its check digits are
// the CNS's business. The format is data: a component may set `properties.validatorParam` to
// another regular expression (anchored automatically) without a deploy.
export const PROVIDER_CODE_PATTERN = '[0-9]{8}';

const compiled = new Map<string, RegExp | null>();

function patternFor(source: string): RegExp | null {
  let regex = compiled.get(source);
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${source})$`);
    } catch {
      regex = null;
    }
    compiled.set(source, regex);
  }
  return regex;
}

export const providerCodeValidator: NamedValidator = {
  name: 'providerCode',
  description: 'CNS provider code: 8 digits by default; validatorParam overrides the pattern',
  check(value, pattern) {
    const regex = patternFor(pattern === undefined || pattern === '' ? PROVIDER_CODE_PATTERN : pattern);
    if (regex === null) return invalid('configuration');
    return regex.test(value) ? VALID : invalid('format');
  },
  checkParam: (param) => (patternFor(param) === null ? 'not a valid regular expression' : undefined),
  messages: {
    fr: {
      format:
        "{field} n'a pas le format d'un code prestataire (8 chiffres, sans tiret, par ex. 12345678) : recopiez le code attribué par la CNS.",
      configuration: '{field} ne peut pas être vérifié (format mal configuré) : signalez-le au helpdesk INCERT.',
    },
    en: {
      format: '{field} is not a provider code (8 digits, no dash, e.g. 12345678): copy the code the CNS assigned.',
      configuration: '{field} cannot be checked (format misconfigured): report it to the INCERT helpdesk.',
    },
  },
};
