import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { DirectoryEntry } from '../../src-preload/contract';

/**
 * How Careline authenticates to a configured FHIR server. `smart`: each agent signs in to the EHR (SMART App
 * Launch, standalone, public client with PKCE; register Careline with the EHR as a native app whose redirect
 * is http://127.0.0.1/callback on any port, RFC 8252 §7.3). `bearer` / `basic`: sandboxes and lab setups only.
 * A Basic password is never read from this file (it is refused): in development it comes from the
 * CARELINE_EHR_PASSWORD environment variable, later from the OS keychain.
 */
export const EhrAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1).max(8192) }).strict(),
  z.object({ kind: z.literal('basic'), user: z.string().min(1).max(128) }).strict(),
  z
    .object({
      kind: z.literal('smart'),
      clientId: z.string().min(1).max(256),
      /** Space-separated SMART scopes; default: see DEFAULT_SMART_SCOPE (ehr/smart/SmartSession.ts). */
      scope: z.string().min(1).max(2000).optional(),
      /** How long the agent has to finish the login in the browser. */
      loginTimeoutS: z.number().int().min(30).max(1800).optional(),
    })
    .strict(),
]);
export type EhrAuth = z.infer<typeof EhrAuth>;

const DEFAULT_AGENT = { afterCallWorkSeconds: 60, awayReasons: ['Break', 'Lunch', 'Meeting', 'Training', 'Coaching'] } as const;

/**
 * Workstation configuration. With nothing configured Careline runs on its embedded demo environment (a
 * labeled simulation: demo EHR + demo phone line). IT points CARELINE_CONFIG at a JSON file (managed
 * settings arrive in a later issue) to use a real FHIR server.
 */
export const CarelineConfig = z
  .object({
    ehr: z
      .discriminatedUnion('kind', [
        z.object({
          kind: z.literal('demo'),
          patients: z.number().int().min(1).max(100_000).default(500),
          seed: z.number().int().default(42),
          /** "Today" for the synthetic data (ages, slots); unset = the workstation's current date. */
          referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        }),
        z.object({
          kind: z.literal('fhir'),
          label: z.string().default('EHR'),
          baseUrl: z.string().url(),
          /** For sandboxes only (kept for existing files): the same as auth { kind: 'bearer', token }. */
          bearerToken: z.string().optional(),
          auth: EhrAuth.optional(),
        }).refine((ehr) => !(ehr.bearerToken && ehr.auth), { message: 'give either bearerToken or auth, not both', path: ['auth'] }),
      ])
      .default({ kind: 'demo', patients: 500, seed: 42 }),
    telephony: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('demo-line'), directory: z.array(DirectoryEntry).max(500).optional() }).strict(),
        z
          .object({
            kind: z.literal('sip'),
            /** WebSocket URL of the SIP server or edge proxy (wss:// in production). */
            server: z.string().regex(/^wss?:\/\/[^\s]+$/, 'a ws:// or wss:// URL'),
            /** The agent's SIP address of record, e.g. sip:agent1@pbx.example.org. */
            aor: z.string().regex(/^sips?:[^\s@]+@[^\s]+$/, 'a sip:user@host address'),
            authorizationUsername: z.string().min(1).max(128).optional(),
            displayName: z.string().min(1).max(80).optional(),
            /** Route every request through this proxy, e.g. sip:edge.example.org;lr. */
            outboundProxy: z.string().regex(/^sips?:[^\s]+$/).optional(),
            registerExpiresS: z.number().int().min(60).max(3600).default(300),
            /** RFC 4733 in the media (SIP INFO when the far end cannot), or SIP INFO only. */
            dtmf: z.enum(['rfc4733', 'info']).default('rfc4733'),
            /** Headers carrying the caller's IVR choice, as this site's PBX sends them. */
            ivrHeaders: z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/)).min(1).max(5).default(['X-Careline-IVR', 'X-IVR-Choice']),
            /** What each IVR digit means at this site, shown to the agent ("2 · Speak to a nurse"). */
            ivrChoices: z
              .array(z.object({ digit: z.string().regex(/^[0-9*#]{1,2}$/), label: z.string().min(1).max(60) }).strict())
              .max(20)
              .default([]),
            /** Transfer targets: agents, the nurse queue, on-call pagers, external numbers. */
            directory: z.array(DirectoryEntry).max(500).default([]),
          })
          .strict(),
      ])
      .default({ kind: 'demo-line' }),
    /**
     * Folders of imported protocol content (e.g. a licensed pack), read after the built-in protocols; see
     * ProtocolLibrary. Relative paths are relative to the configuration file. Check a pack first with
     * `npm run protocols:check -- <folder>`.
     */
    protocolImportDirs: z.array(z.string().min(1)).default([]),
    /**
     * The local cache (encrypted with a key in the OS keychain). Without a keychain, 'encrypted-only' refuses to
     * keep PHI on disk and Careline does not start; 'allow-memory-only' runs with the cache in memory.
     */
    cache: z.object({ policy: z.enum(['encrypted-only', 'allow-memory-only']).default('encrypted-only') }).strict().default({ policy: 'encrypted-only' }),
    /**
     * Scheduling rules (issue 6): visit types, provider and location rules, ranking weights, as a JSON file a
     * practice manager edits (validated at start; see resources/scheduling/README.md). Relative to this file.
     * Unset: the demo EHR uses resources/scheduling/demo-rules.json; a real EHR has no scheduling until set.
     * `maxDistanceKm`: in-person offers farther from home are not made unless the caller asks for any distance
     * (overrides the rules file's; the default is 80 km; null = no default limit).
     */
    scheduling: z
      .object({ rulesPath: z.string().min(1).optional(), maxDistanceKm: z.number().positive().max(1000).nullable().optional() })
      .strict()
      .default({}),
    /**
     * The team bus (NATS): workstations report who is signed in, their state and their outbox backlog, and
     * supervisors see every desk. Unset: a supervisor sees this workstation only. The token, when the server
     * wants one, comes from the OS keychain (account "team-bus"), never from this file.
     */
    team: z
      .object({
        servers: z.array(z.string().regex(/^(nats|tls):\/\/[^\s]+$/, 'expected nats://host:port or tls://host:port')).min(1).max(10),
        /** Stable per desk ([A-Za-z0-9_-]); the host name when unset. */
        workstationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
        /** What supervisors call this desk; the host name when unset. */
        label: z.string().min(1).max(120).optional(),
        auth: z.enum(['none', 'token']).default('none'),
      })
      .strict()
      .optional(),
    agent: z
      .object({
        /**
         * After-call work lasts this long, then the agent is available again by itself; 0 = the agent returns by
         * hand (Ready). 30 minutes at most: a longer "wrap-up" is a break and should be one of the away reasons.
         */
        afterCallWorkSeconds: z.number().int().min(0).max(1800).default(DEFAULT_AGENT.afterCallWorkSeconds),
        /** What the agent may say when away (the menu shows exactly these; main refuses anything else). */
        awayReasons: z
          .array(z.string().trim().min(1).max(60))
          .min(1)
          .max(20)
          .refine((reasons) => new Set(reasons).size === reasons.length, 'away reasons must be unique')
          .default([...DEFAULT_AGENT.awayReasons]),
      })
      .strict()
      .default({ afterCallWorkSeconds: DEFAULT_AGENT.afterCallWorkSeconds, awayReasons: [...DEFAULT_AGENT.awayReasons] }),
  })
  .strict();
export type CarelineConfig = z.infer<typeof CarelineConfig>;
export type AgentConfig = CarelineConfig['agent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CarelineConfig {
  const path = env.CARELINE_CONFIG;
  if (!path) return CarelineConfig.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the Careline configuration at ${path}: ${(error as Error).message}`);
  }
  const parsed = CarelineConfig.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`The Careline configuration at ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const relative = (file: string): string => resolve(dirname(path), file);
  const { rulesPath, ...scheduling } = parsed.data.scheduling;
  return {
    ...parsed.data,
    protocolImportDirs: parsed.data.protocolImportDirs.map(relative),
    scheduling: rulesPath ? { ...scheduling, rulesPath: relative(rulesPath) } : scheduling,
  };
}

export type SipTelephonyConfig = Extract<CarelineConfig['telephony'], { kind: 'sip' }>;

export type FhirEhrConfig = Extract<CarelineConfig['ehr'], { kind: 'fhir' }>;

/** The configured EHR authentication, with the older `bearerToken` read as a bearer auth. */
export function ehrAuthOf(ehr: FhirEhrConfig): EhrAuth {
  if (ehr.auth) return ehr.auth;
  return ehr.bearerToken ? { kind: 'bearer', token: ehr.bearerToken } : { kind: 'none' };
}
