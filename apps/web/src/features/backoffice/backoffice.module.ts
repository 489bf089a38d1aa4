import { navigate, type FeatureModule } from '../../app/router.js';
import { enrolmentDetailPage } from './enrolment-detail.js';
import { enrolmentQueue } from './enrolment-queue.js';
import { formBuilderPage, formsList } from './form-builder.js';
import { formVersionsPage } from './form-versions.js';
import { programmeSettingsPage } from './programme-settings.js';

// The operator back-office (INCERT, AeS, CNS read-only, admin). Phase 1 today; the labelling FIFO queue,
// connections, invoices and the template editor join as their own routes here when their APIs land.
export const backofficeModule: FeatureModule = {
  id: 'backoffice',
  routes: [
    {
      path: '/back-office',
      area: 'backoffice',
      access: 'operator',
      title: 'queue.title',
      render: () => navigate('/back-office/enrolments', { replace: true }),
    },
    { path: '/back-office/enrolments', area: 'backoffice', access: 'operator', title: 'queue.title', render: enrolmentQueue },
    {
      path: '/back-office/enrolments/:id',
      area: 'backoffice',
      access: 'operator',
      title: 'case.title',
      render: enrolmentDetailPage,
    },
    {
      path: '/back-office/programme',
      area: 'backoffice',
      access: 'operator',
      title: 'programme.title',
      render: programmeSettingsPage,
    },
    {
      path: '/back-office/forms',
      area: 'backoffice',
      access: ['admin', 'aes', 'incert'],
      title: 'builder.title',
      render: formsList,
    },
    {
      path: '/back-office/forms/:key',
      area: 'backoffice',
      access: ['admin', 'aes', 'incert'],
      title: 'builder.title',
      render: formBuilderPage,
    },
    {
      path: '/back-office/forms/:key/versions',
      area: 'backoffice',
      access: ['admin', 'aes', 'incert'],
      title: 'forms.versions',
      render: formVersionsPage,
    },
  ],
  nav: [
    {
      area: 'backoffice',
      href: '/back-office/enrolments',
      label: 'nav.queue',
      icon: 'inbox',
      access: 'operator',
      match: /^\/back-office(\/enrolments.*)?$/,
    },
    { area: 'backoffice', href: '/back-office/programme', label: 'nav.programme', icon: 'calendar-event', access: 'operator' },
    {
      area: 'backoffice',
      href: '/back-office/forms',
      label: 'nav.forms',
      icon: 'ui-checks',
      access: ['admin', 'aes', 'incert'],
      match: /^\/back-office\/forms/,
    },
  ],
};
