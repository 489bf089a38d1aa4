import type { Locale } from '../form-schema.types.js';

// Our own FR/EN messages: @formio/core only speaks English and its messages do not say what to
// do. Each message names the field ({field}), states the rule broken and how to fix it.
type MessageTable = Readonly<Record<string, string>>;

const MESSAGES: Readonly<Record<Locale, MessageTable>> = {
  fr: {
    required: '{field} est obligatoire : renseignez ce champ.',
    'required.checkbox': '{field} doit être coché pour continuer : cochez la case.',
    'required.file': '{field} est obligatoire : joignez le fichier demandé.',
    'required.grid': '{field} est obligatoire : ajoutez au moins une ligne.',
    'type.text': '{field} doit être un texte : saisissez une valeur textuelle.',
    'type.number': '{field} doit être un nombre : saisissez un nombre, par ex. 3.',
    'type.integer': '{field} doit être un nombre entier : saisissez un nombre sans décimale.',
    'type.boolean': '{field} doit valoir oui ou non : cochez ou décochez la case.',
    'type.choice': "{field} doit être l'une des options proposées : choisissez une option dans la liste.",
    'type.list': '{field} doit être une liste de valeurs : saisissez les valeurs une à une.',
    'type.grid': '{field} doit être un tableau de lignes : ajoutez les lignes avec le bouton prévu.',
    'type.row': "{field} n'est pas une ligne valide : supprimez cette ligne et ajoutez-la à nouveau.",
    'type.file': '{field} doit être une liste de fichiers joints : téléversez le fichier avec le formulaire.',
    'type.form': 'Les données envoyées ne sont pas un formulaire : renvoyez le formulaire complet.',
    choice: "{field} : la valeur choisie n'est pas proposée : choisissez l'une des options de la liste.",
    email: "{field} n'est pas une adresse e-mail valide : saisissez une adresse de la forme nom@domaine.lu.",
    pattern: "{field} n'a pas le format attendu : corrigez la saisie (format attendu : {setting}).",
    minLength: '{field} est trop court : saisissez au moins {setting} caractères.',
    maxLength: '{field} est trop long : saisissez au plus {setting} caractères.',
    min: '{field} est trop petit : saisissez une valeur supérieure ou égale à {setting}.',
    max: '{field} est trop grand : saisissez une valeur inférieure ou égale à {setting}.',
    minRows: '{field} doit comporter au moins {setting} ligne(s) : ajoutez les lignes manquantes.',
    maxRows: '{field} comporte trop de lignes : gardez-en au plus {setting}.',
    'file.shape':
      "{field} : le fichier n° {index} n'a pas la forme attendue ({detail}) : retirez-le et téléversez-le à nouveau avec le formulaire.",
    'file.count': "{field} n'accepte qu'un seul fichier : retirez les fichiers en trop.",
    'file.tooLarge': '{field} : le fichier « {name} » dépasse la taille maximale de {setting} : joignez un fichier plus petit.',
    'file.fileType': "{field} : le type du fichier « {name} » n'est pas accepté : joignez un fichier {setting}.",
    readOnly:
      "{field} reprend la donnée d'enrôlement et ne peut pas être modifié ici : si elle a changé, faites une demande de modification des données d'enrôlement.",
    generic: '{field} est invalide (règle « {rule} ») : corrigez ce champ.',
  },
  en: {
    required: '{field} is required: fill in this field.',
    'required.checkbox': '{field} must be ticked to continue: tick the box.',
    'required.file': '{field} is required: attach the requested file.',
    'required.grid': '{field} is required: add at least one row.',
    'type.text': '{field} must be text: enter a text value.',
    'type.number': '{field} must be a number: enter a number, e.g. 3.',
    'type.integer': '{field} must be a whole number: enter a number without decimals.',
    'type.boolean': '{field} must be yes or no: tick or untick the box.',
    'type.choice': '{field} must be one of the options offered: choose an option from the list.',
    'type.list': '{field} must be a list of values: enter the values one by one.',
    'type.grid': '{field} must be a table of rows: add rows with the button provided.',
    'type.row': '{field} is not a valid row: delete this row and add it again.',
    'type.file': '{field} must be a list of attached files: upload the file with the form.',
    'type.form': 'The data sent is not a form: send the complete form again.',
    choice: '{field}: the value chosen is not offered: choose one of the options in the list.',
    email: '{field} is not a valid e-mail address: enter an address like name@domain.lu.',
    pattern: '{field} does not have the expected format: correct it (expected format: {setting}).',
    minLength: '{field} is too short: enter at least {setting} characters.',
    maxLength: '{field} is too long: enter at most {setting} characters.',
    min: '{field} is too small: enter a value greater than or equal to {setting}.',
    max: '{field} is too large: enter a value less than or equal to {setting}.',
    minRows: '{field} must have at least {setting} row(s): add the missing rows.',
    maxRows: '{field} has too many rows: keep at most {setting}.',
    'file.shape':
      '{field}: file no. {index} does not have the expected shape ({detail}): remove it and upload it again with the form.',
    'file.count': '{field} accepts a single file: remove the extra files.',
    'file.tooLarge': '{field}: the file "{name}" is larger than the maximum of {setting}: attach a smaller file.',
    'file.fileType': '{field}: the type of the file "{name}" is not accepted: attach a {setting} file.',
    readOnly:
      '{field} repeats your enrolment data and cannot be changed here: if it changed, submit a change request for your enrolment data.',
    generic: '{field} is invalid (rule "{rule}"): correct this field.',
  },
};

const FILE_DETAILS: Readonly<Record<Locale, MessageTable>> = {
  fr: {
    object: "ce n'est pas un objet",
    unknownProperty: 'propriété inconnue',
    name: 'nom manquant',
    size: 'taille invalide',
    type: 'type MIME manquant',
    storage: "stockage autre que celui de l'application",
    url: 'adresse invalide',
    attachmentId: 'identifiant de pièce jointe invalide',
    sha256: 'empreinte SHA-256 invalide',
    originalName: "nom d'origine invalide",
  },
  en: {
    object: 'not an object',
    unknownProperty: 'unknown property',
    name: 'missing name',
    size: 'invalid size',
    type: 'missing MIME type',
    storage: "storage other than the application's",
    url: 'invalid address',
    attachmentId: 'invalid attachment id',
    sha256: 'invalid SHA-256 digest',
    originalName: 'invalid original name',
  },
};

export type MessageVars = {
  field: string;
  rule?: string;
  setting?: string;
  name?: string;
  index?: string;
  detail?: string;
};

export function fillTemplate(template: string, vars: MessageVars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = (vars as Record<string, string | undefined>)[name];
    return value ?? whole;
  });
}

export function coreMessage(locale: Locale, key: string, vars: MessageVars): string {
  const table = MESSAGES[locale];
  return fillTemplate(table[key] ?? table.generic ?? '{field}', vars);
}

export function hasCoreMessage(key: string): boolean {
  return Object.hasOwn(MESSAGES.fr, key);
}

export function fileDetail(locale: Locale, reason: string): string {
  return FILE_DETAILS[locale][reason] ?? reason;
}

export function quoteField(locale: Locale, label: string, rows: readonly { label: string; row: number }[]): string {
  const quoted = locale === 'fr' ? `« ${label} »` : `"${label}"`;
  if (rows.length === 0) return quoted;
  const where = rows
    .map(({ label: grid, row }) => (locale === 'fr' ? `${grid}, ligne ${row}` : `${grid}, row ${row}`))
    .join(' ; ');
  return `${quoted} (${where})`;
}
