import { Controller, Get, Inject, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDIT_READ_METADATA } from '../audit/audit.decorator.js';
import { ACCESS_METADATA, Access, type AccessRule } from './access.decorator.js';

// Nest's own metadata keys (@nestjs/common/constants): controller/route path and HTTP method.
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';

export type RouteInfo = {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: AccessRule[] | null;
  auditRead: string | null;
};

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

// Every route the app serves with its declared access rule, read from Nest's metadata — the authorisation matrix test
// walks this list, so a route added tomorrow is tested tomorrow (and fails if it has no @Access rule).
export function listRoutes(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
  prefix = 'api',
): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type || !wrapper.instance) continue;
    const base = ([] as string[]).concat((Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined) ?? '');
    const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (sub === undefined || method === undefined) continue;
      const access = reflector.getAllAndOverride<AccessRule[] | undefined>(ACCESS_METADATA, [handler as never, type]);
      const auditRead = reflector.getAllAndOverride<string | undefined>(AUDIT_READ_METADATA, [handler as never, type]);
      for (const b of base) {
        for (const s of ([] as string[]).concat(sub)) {
          routes.push({
            method: RequestMethod[method],
            path: join(prefix, b, s),
            controller: type.name,
            handler: name,
            access: access?.length ? access : null,
            auditRead: auditRead ?? null,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
}

@ApiTags('meta')
@Controller('_meta')
export class RoutesController {
  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  @Get('routes')
  @Access('admin')
  @ApiOperation({ summary: 'Every API route with its access rule and audit marking (for the authorisation matrix and reviews)' })
  routes() {
    return { items: listRoutes(this.discovery, this.scanner, this.reflector) };
  }
}
