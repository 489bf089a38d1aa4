import { invalid, VALID, type NamedValidator } from './named-validator.types.js';

// Luxembourg Business Registers (RCS) number: a section letter then the entry number, e.g.
// B123456 (B = commercial companies). Sections run A–K without I (decision: list kept as data).
export const RCS_SECTIONS: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K'];
const RCS_FORMAT = /^([A-Z])([1-9][0-9]{0,6})$/;

export const rcsValidator: NamedValidator = {
  name: 'rcs',
  description: 'Luxembourg RCS number: section letter + number, e.g. B123456',
  check(value) {
    const match = RCS_FORMAT.exec(value);
    if (!match) return invalid('format');
    return RCS_SECTIONS.includes(match[1] ?? '') ? VALID : invalid('section');
  },
  messages: {
    fr: {
      format:
        "{field} doit être une lettre de section suivie du numéro, sans espace (par ex. B123456) : recopiez le numéro d'immatriculation au RCS.",
      section:
        "{field} : la lettre de section n'existe pas au RCS luxembourgeois : utilisez l'une de A à K (sauf I), par ex. B123456.",
    },
    en: {
      format:
        '{field} must be a section letter followed by the number, no spaces (e.g. B123456): copy your RCS registration number.',
      section: '{field}: that section letter does not exist in the Luxembourg RCS: use one of A to K (except I), e.g. B123456.',
    },
  },
};
