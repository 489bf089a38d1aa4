import type { FeatureModule } from '../../app/router.js';
import { dashboard } from './dashboard.js';
import { enrolPage } from './enrol.js';
import { enrolmentCasePage } from './enrolment-case.js';

// The vendor portal. Phase 1 (enrolment, test access) today; labelling requests (Form 3), connections (Form 4) and
// invoices join as their own routes here when their APIs land.
export const vendorModule: FeatureModule = {
  id: 'vendor',
  routes: [
    { path: '/portal', area: 'portal', access: 'vendor', title: 'dashboard.title', render: dashboard },
    { path: '/portal/enrolment/new', area: 'portal', access: 'vendor', title: 'enrol.title', render: enrolPage },
    { path: '/portal/enrolments/:id', area: 'portal', access: 'vendor', title: 'case.title', render: enrolmentCasePage },
  ],
  nav: [
    { area: 'portal', href: '/portal', label: 'nav.dashboard', icon: 'speedometer2', access: 'vendor' },
    {
      area: 'portal',
      href: '/portal/enrolment/new',
      label: 'nav.enrolment',
      icon: 'pencil-square',
      access: 'vendor',
      match: /^\/portal\/enrol/,
    },
  ],
};
