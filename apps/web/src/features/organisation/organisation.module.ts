import type { FeatureModule } from '../../app/router.js';
import { changeRequestDetail, changeRequestList } from './change-requests.js';
import { companyPage } from './company.js';
import { documentationAdminPage, vendorDocumentationPage } from './documentation.js';
import { teamPage } from './team.js';

// Phase 1 around the case: the vendor's identity and its change requests (Eligibility 2), the technical
// documentation (Phase 1 step 3, confidential under the NDA, downloads logged), and the vendor's team.
export const organisationModule: FeatureModule = {
  id: 'organisation',
  routes: [
    { path: '/portal/company', area: 'portal', access: 'vendor', title: 'company.title', render: companyPage },
    { path: '/portal/documentation', area: 'portal', access: 'vendor', title: 'docs.title', render: vendorDocumentationPage },
    { path: '/portal/team', area: 'portal', access: ['vendor_admin'], title: 'team.title', render: teamPage },
    {
      path: '/back-office/change-requests',
      area: 'backoffice',
      access: 'operator',
      title: 'changeRequests.title',
      render: changeRequestList,
    },
    {
      path: '/back-office/change-requests/:id',
      area: 'backoffice',
      access: 'operator',
      title: 'changeRequest.title',
      render: changeRequestDetail,
    },
    {
      path: '/back-office/documentation',
      area: 'backoffice',
      access: 'operator',
      title: 'docs.title',
      render: documentationAdminPage,
    },
  ],
  nav: [
    { area: 'portal', href: '/portal/company', label: 'nav.company', icon: 'building', access: 'vendor' },
    { area: 'portal', href: '/portal/documentation', label: 'nav.documentation', icon: 'folder2-open', access: 'vendor' },
    { area: 'portal', href: '/portal/team', label: 'nav.team', icon: 'people', access: ['vendor_admin'] },
    {
      area: 'backoffice',
      href: '/back-office/change-requests',
      label: 'nav.changeRequests',
      icon: 'arrow-left-right',
      access: 'operator',
      match: /^\/back-office\/change-requests/,
    },
    {
      area: 'backoffice',
      href: '/back-office/documentation',
      label: 'nav.documentation',
      icon: 'folder2-open',
      access: 'operator',
    },
  ],
};
