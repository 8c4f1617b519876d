import { expect, test } from '@playwright/test';
import { type WebHostProcess, startWebHostProcess } from '../../support/webHostProcess';

export interface DemoEnvironment {
  /** The running web host (its URL carries the token). */
  readonly host: () => WebHostProcess;
  /** Reads the demo EHR over FHIR, like any client: the test's oracle for what was written. */
  fhir<T>(path: string): Promise<T>;
}

/** Starts the web host with the demo environment for the spec file's tests, and stops it after them. */
export function useDemoEnvironment(options: { patients: number; seed: number }): DemoEnvironment {
  let host: WebHostProcess | null = null;
  test.beforeAll(async () => {
    host = await startWebHostProcess(options);
  });
  test.afterAll(async () => {
    await host?.stop();
  });
  const current = () => {
    if (!host) throw new Error('the web host is not running');
    return host;
  };
  return {
    host: current,
    async fhir<T>(path: string): Promise<T> {
      const res = await fetch(`${current().fhirBaseUrl}/${path}`);
      expect(res.ok, `GET ${path}`).toBe(true);
      return (await res.json()) as T;
    },
  };
}
