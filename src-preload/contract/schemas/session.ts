import { z } from 'zod';

export const Role = z.enum(['agent', 'nurse', 'supervisor']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
  role: Role,
  /** e.g. "RN" — shown next to the name in documentation. */
  credentials: z.string().max(20).optional(),
});
export type User = z.infer<typeof User>;

export const SignInRequest = z.object({ userId: z.string().min(1).max(64) }).strict();
