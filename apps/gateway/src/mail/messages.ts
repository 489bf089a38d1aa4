import type { MailMessage } from './mailer.js';

type Locale = 'fr' | 'en';
const SIGNATURE = {
  fr: '— Plateforme SONS « Vague 2 », Agence eSanté / INCERT',
  en: '— SONS « Vague 2 » platform, Agence eSanté / INCERT',
};

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Plain text first (what every client shows), a minimal HTML alternative with the same words and link.
function compose(
  to: string,
  subject: string,
  paragraphs: string[],
  link: { url: string; label: string } | null,
  locale: Locale,
): MailMessage {
  const text = [...paragraphs, ...(link ? [link.url] : []), SIGNATURE[locale]].join('\n\n');
  const html = [
    ...paragraphs.map((p) => `<p>${escape(p)}</p>`),
    ...(link ? [`<p><a href="${escape(link.url)}">${escape(link.label)}</a></p>`] : []),
    `<p>${escape(SIGNATURE[locale])}</p>`,
  ].join('\n');
  return { to, subject, text, html };
}

const at = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function passwordResetMail(to: string, url: string, expiresAt: Date, locale: Locale): MailMessage {
  return locale === 'en'
    ? compose(
        to,
        'Reset your SONS password',
        [
          'Someone (hopefully you) asked to reset the password of your SONS account.',
          `Open this link to choose a new password. It works once and expires at ${at(expiresAt)}. If you did not ask for it, ignore this message: your password stays unchanged.`,
        ],
        { url, label: 'Choose a new password' },
        locale,
      )
    : compose(
        to,
        'Réinitialisez votre mot de passe SONS',
        [
          'Une réinitialisation du mot de passe de votre compte SONS a été demandée (par vous, espérons-le).',
          `Ouvrez ce lien pour choisir un nouveau mot de passe. Il ne fonctionne qu’une fois et expire le ${at(expiresAt)}. Si vous n’êtes pas à l’origine de la demande, ignorez ce message : votre mot de passe reste inchangé.`,
        ],
        { url, label: 'Choisir un nouveau mot de passe' },
        locale,
      );
}

export function invitationMail(to: string, url: string, inviter: string, expiresAt: Date, locale: Locale): MailMessage {
  return locale === 'en'
    ? compose(
        to,
        'Invitation to the SONS labelling platform',
        [
          `${inviter} invites you to join their organisation on the SONS « Vague 2 » labelling platform, as a member: you will work on its cases (forms, documents, requests).`,
          `Open this link to create your account. It works once and expires at ${at(expiresAt)}.`,
        ],
        { url, label: 'Accept the invitation' },
        locale,
      )
    : compose(
        to,
        'Invitation sur la plateforme de labélisation SONS',
        [
          `${inviter} vous invite à rejoindre son organisation sur la plateforme de labélisation SONS « Vague 2 », en tant que membre : vous travaillerez sur ses dossiers (formulaires, documents, demandes).`,
          `Ouvrez ce lien pour créer votre compte. Il ne fonctionne qu’une fois et expire le ${at(expiresAt)}.`,
        ],
        { url, label: 'Accepter l’invitation' },
        locale,
      );
}

export function accountSetupMail(to: string, url: string, roles: string[], expiresAt: Date, locale: Locale): MailMessage {
  return locale === 'en'
    ? compose(
        to,
        'Your SONS operator account',
        [
          `An operator account (roles: ${roles.join(', ')}) was created for you on the SONS « Vague 2 » platform.`,
          `Open this link to choose your password. It works once and expires at ${at(expiresAt)}.`,
        ],
        { url, label: 'Choose my password' },
        locale,
      )
    : compose(
        to,
        'Votre compte opérateur SONS',
        [
          `Un compte opérateur (rôles : ${roles.join(', ')}) a été créé pour vous sur la plateforme SONS « Vague 2 ».`,
          `Ouvrez ce lien pour choisir votre mot de passe. Il ne fonctionne qu’une fois et expire le ${at(expiresAt)}.`,
        ],
        { url, label: 'Choisir mon mot de passe' },
        locale,
      );
}

export function lockoutMail(to: string, lockedUntil: Date, resetUrl: string, locale: Locale): MailMessage {
  return locale === 'en'
    ? compose(
        to,
        'Your SONS account is temporarily locked',
        [
          `After several wrong passwords, sign-in to your SONS account is locked until ${at(lockedUntil)}.`,
          'If it was not you, someone may be guessing your password: reset it now from the sign-in page.',
        ],
        { url: resetUrl, label: 'Sign-in page' },
        locale,
      )
    : compose(
        to,
        'Votre compte SONS est temporairement verrouillé',
        [
          `Après plusieurs mots de passe erronés, la connexion à votre compte SONS est verrouillée jusqu’au ${at(lockedUntil)}.`,
          'Si ce n’était pas vous, quelqu’un essaie peut-être de deviner votre mot de passe : réinitialisez-le dès maintenant depuis la page de connexion.',
        ],
        { url: resetUrl, label: 'Page de connexion' },
        locale,
      );
}
