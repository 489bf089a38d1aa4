import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Access, OPERATORS } from '../identity/access.decorator.js';
import { parseBody } from '../identity/parse.js';
import { AuditRead, auditNote } from './audit.decorator.js';
import { AuditService } from './audit.service.js';

// A period in Luxembourg days, both ends included: from=2026-11-01&to=2026-11-30 is the whole of November.
const isDay = (value: string) => {
  const at = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value);
};
const day = z
  .string()
  .refine(isDay, {
    params: {
      fr: 'une date du calendrier au format AAAA-MM-JJ est attendue (jour de Luxembourg), par exemple 2026-11-30.',
      en: 'a calendar date as YYYY-MM-DD is expected (a Luxembourg day), e.g. 2026-11-30.',
    },
  })
  .optional();
const period = { from: day, to: day };
// Ordered only once both are dates (each bad one has its own error already).
const fromNotAfterTo = ({ from, to }: { from?: string; to?: string }) => !from || !to || !isDay(from) || !isDay(to) || from <= to;
const periodOrder = {
  path: ['to'],
  params: {
    fr: 'la fin de la période (to) précède son début (from) : inversez-les.',
    en: 'the end of the period (to) is before its start (from): swap them.',
  },
};
const listQuery = z
  .object({
    caseId: z.string().max(100).optional(),
    userId: z.string().max(36).optional(),
    action: z.enum(['command', 'read']).optional(),
    ...period,
    cursor: z.string().regex(/^\d+$/).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(fromNotAfterTo, periodOrder);
const exportQuery = z
  .object({ caseId: z.string().max(100).optional(), ...period, format: z.enum(['jsonl', 'csv']).default('jsonl') })
  .refine(fromNotAfterTo, periodOrder);
const verifyQuery = z.object({ chain: z.string().max(64).optional() });

const CSV_COLUMNS = [
  'id',
  'chain',
  'seq',
  'at',
  'action',
  'resource',
  'method',
  'route',
  'path',
  'caseId',
  'status',
  'outcome',
  'userId',
  'email',
  'roles',
  'vendorId',
  'ip',
  'userAgent',
  'correlationId',
  'changes',
  'details',
  'prevHash',
  'hash',
] as const;
// An audit entry's values are JSON: text as is, numbers and booleans in their usual form, objects (roles, changes,
// details) as JSON.
const csvText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
};
const csvCell = (value: unknown): string => {
  const text = csvText(value);
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @Access(...OPERATORS)
  @ApiOperation({
    summary:
      'The audit trail, newest first (keyset cursor); filter by caseId, userId, action, from/to (Luxembourg days, included)',
  })
  list(@Query() query: unknown) {
    return this.audit.list(parseBody(listQuery, query));
  }

  @Get('export')
  @Access(...OPERATORS)
  @AuditRead('audit-trail')
  @ApiOperation({
    summary:
      'Export the audit trail (one case or all, optionally from/to Luxembourg days), oldest first, as JSON lines (default) or CSV, with each entry’s hashes',
  })
  async export(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { caseId, from, to, format } = parseBody(exportQuery, query);
    if (caseId) auditNote(req, { caseId });
    const span = from || to ? `-${from ?? 'start'}_${to ?? 'now'}` : '';
    const name = `audit-${caseId ?? 'all'}${span}-${new Date().toISOString().slice(0, 10)}.${format}`;
    res.status(200).setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    if (format === 'csv') res.write(`${CSV_COLUMNS.join(',')}\r\n`);
    for await (const entry of this.audit.export({ caseId, from, to })) {
      const line = format === 'csv' ? `${CSV_COLUMNS.map((c) => csvCell(entry[c])).join(',')}\r\n` : `${JSON.stringify(entry)}\n`;
      if (!res.write(line)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  @Get('verify')
  @Access('admin')
  @ApiOperation({ summary: 'Check every hash chain of the audit trail (or one with ?chain=); lists broken entries' })
  verify(@Query() query: unknown) {
    return this.audit.verify(parseBody(verifyQuery, query).chain);
  }
}
