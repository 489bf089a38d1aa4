import { EVENT_CATALOGUE, LABELLING_STATUSES, LABELLING_LABEL_STATUSES } from '@sons/contracts';
import { LABEL_EVENT_FOR_STATUS, LABEL_TRANSITIONS } from '../label/label-status.js';
import {
  LABELLING_ACTION_RULES,
  LABELLING_EVENT_FOR_STATUS,
  LABELLING_TRANSITIONS,
  assertTransition,
} from './label-request-status.js';
import { LabelRequest } from './label-request.entity.js';

const at = new Date('2026-03-02T10:00:00+01:00');

describe('labelling request status machine', () => {
  it('should give every status a row and every status an event in the catalogue', () => {
    expect(Object.keys(LABELLING_TRANSITIONS).sort()).toEqual([...LABELLING_STATUSES].sort());
    for (const status of LABELLING_STATUSES) expect(EVENT_CATALOGUE).toContain(LABELLING_EVENT_FOR_STATUS[status]);
    const types = LABELLING_STATUSES.map((s) => LABELLING_EVENT_FOR_STATUS[s].type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('should walk the happy path with one method per transition', () => {
    const request = Object.assign(new LabelRequest(), { status: 'draft' as const });
    request.submit(at);
    expect(request.iteration).toBe(1);
    request.enqueue(at);
    expect(request.queuedAt).toEqual(at);
    request.startReview('incert-1', at);
    request.requestComplement(at);
    request.answerComplement(at);
    request.resumeReview('incert-1', at);
    request.passTests(at);
    request.sendAgreement(at);
    request.signAgreement(at);
    request.label('label-1', at);
    expect(request.status).toBe('labelled');
    expect(request.labelId).toBe('label-1');
  });

  it('should start a new iteration behind the queue when the vendor resubmits after failed tests', () => {
    const request = Object.assign(new LabelRequest(), {
      status: 'in_review' as const,
      iteration: 1,
      queuedAt: at,
      assigneeId: 'x',
    });
    request.failTests(at);
    const later = new Date(at.getTime() + 1000);
    request.submit(later);
    expect(request.iteration).toBe(2);
    expect(request.queuedAt).toBeNull();
    expect(request.assigneeId).toBeNull();
  });

  it('should refuse a move the table does not allow with INVALID_TRANSITION naming both statuses', () => {
    expect(() => assertTransition('draft', 'in_review')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    const request = Object.assign(new LabelRequest(), { status: 'queued' as const });
    expect(() => request.passTests(at)).toThrow(/queued/);
    expect(request.status).toBe('queued');
    expect(() => Object.assign(new LabelRequest(), { status: 'labelled' as const }).submit(at)).toThrow(
      expect.objectContaining({ status: 409 }),
    );
  });

  it('should only allow actions from statuses the transition table can leave toward their target', () => {
    for (const rule of Object.values(LABELLING_ACTION_RULES))
      for (const from of rule.from) expect(LABELLING_TRANSITIONS[from].length).toBeGreaterThan(0);
  });
});

describe('label status machine', () => {
  it('should give every label status a row and an event in the catalogue', () => {
    expect(Object.keys(LABEL_TRANSITIONS).sort()).toEqual([...LABELLING_LABEL_STATUSES].sort());
    for (const status of LABELLING_LABEL_STATUSES) expect(EVENT_CATALOGUE).toContain(LABEL_EVENT_FOR_STATUS[status]);
  });
});
