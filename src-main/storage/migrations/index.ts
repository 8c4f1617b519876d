/**
 * Every migration, in order. One import and one array entry per line, so parallel branches that each append a
 * migration merge without conflicts in the middle of a line. Versions must be 1, 2, 3, … (checked at start).
 */
import type { Migration } from '../migrations';
import { meta001 } from './001-meta';
import { outbox002 } from './002-outbox';
import { audit003 } from './003-audit';
import { drafts004 } from './004-drafts';
import { phoneIndex005 } from './005-phone-index';
import { callLog006 } from './006-call-log';
import { patientCache007 } from './007-patient-cache';
import { waitlist008 } from './008-waitlist';
import { auditSignIn009 } from './009-audit-sign-in';

export const MIGRATIONS: readonly Migration[] = [
  meta001,
  outbox002,
  audit003,
  drafts004,
  phoneIndex005,
  callLog006,
  patientCache007,
  waitlist008,
  auditSignIn009,
];
