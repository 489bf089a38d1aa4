import { emailLogPage } from './email-log.js';
import { WEBHOOK_READERS, webhookDetailPage, webhooksPage } from './webhooks.js';
import type { FeatureModule } from '../../app/router.js';
import { auditLogPage } from './audit-log.js';
import { templateEditorPage, templatesList } from './template-editor.js';
import { userAdminPage } from './user-admin.js';

// Administration of the back-office: the audit trail (every operator), user accounts (admin only) and the document
// templates (every operator reads; only the admin edits, previews and publishes — the API enforces the same rules).
export const adminModule: FeatureModule = {
  id: 'admin',
  routes: [
    { path: '/back-office/audit', area: 'backoffice', access: 'operator', title: 'admin.audit.title', render: auditLogPage },
    { path: '/back-office/emails', area: 'backoffice', access: 'operator', title: 'emails.title', render: emailLogPage },
    { path: '/back-office/users', area: 'backoffice', access: ['admin'], title: 'admin.users.title', render: userAdminPage },
    { path: '/back-office/webhooks', area: 'backoffice', access: WEBHOOK_READERS, title: 'webhooks.title', render: webhooksPage },
    {
      path: '/back-office/webhooks/:id',
      area: 'backoffice',
      access: WEBHOOK_READERS,
      title: 'webhooks.title',
      render: webhookDetailPage,
    },
    {
      path: '/back-office/templates',
      area: 'backoffice',
      access: 'operator',
      title: 'admin.templates.title',
      render: templatesList,
    },
    {
      path: '/back-office/templates/:key',
      area: 'backoffice',
      access: 'operator',
      title: 'admin.templates.title',
      render: templateEditorPage,
    },
  ],
  nav: [
    {
      area: 'backoffice',
      href: '/back-office/templates',
      label: 'admin.nav.templates',
      icon: 'file-earmark-richtext',
      access: 'operator',
      match: /^\/back-office\/templates/,
    },
    { area: 'backoffice', href: '/back-office/users', label: 'admin.nav.users', icon: 'people', access: ['admin'] },
    {
      area: 'backoffice',
      href: '/back-office/webhooks',
      label: 'admin.nav.webhooks',
      icon: 'broadcast',
      access: WEBHOOK_READERS,
      match: /^\/back-office\/webhooks/,
    },
    { area: 'backoffice', href: '/back-office/emails', label: 'admin.nav.emails', icon: 'envelope', access: 'operator' },
    { area: 'backoffice', href: '/back-office/audit', label: 'admin.nav.audit', icon: 'journal-text', access: 'operator' },
  ],
};
