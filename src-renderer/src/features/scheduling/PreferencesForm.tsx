import { Checkbox, Group, Select, Stack } from '@mantine/core';
import type { DayPart, SchedulingDirectory, SchedulingPreferences } from '../../../../src-preload/contract';

export interface PreferencesFormProps {
  readonly value: SchedulingPreferences;
  readonly onChange: (value: SchedulingPreferences) => void;
  readonly directory: SchedulingDirectory | undefined;
  readonly disabled?: boolean;
}

const DAY_PARTS: readonly { readonly value: DayPart; readonly label: string }[] = [
  { value: 'morning', label: 'Morning' },
  { value: 'afternoon', label: 'Afternoon' },
  { value: 'evening', label: 'Evening' },
];

/** Languages the demo network staffs (BCP-47); the chart's language is the default on main's side. */
const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Spanish' },
  { value: 'vi', label: 'Vietnamese' },
  { value: 'zh', label: 'Chinese' },
  { value: 'ar', label: 'Arabic' },
  { value: 'ht', label: 'Haitian Creole' },
  { value: 'pt', label: 'Portuguese' },
];

const DISTANCES = ['5', '10', '25', '50'];

/**
 * What the caller prefers. Every control is a discrete choice (no free typing), so each change is one new search
 * and the offers never flicker while the agent types.
 */
export function PreferencesForm(props: PreferencesFormProps) {
  const { value, onChange, disabled } = props;
  const set = (patch: Partial<SchedulingPreferences>) => onChange(withoutEmpty({ ...value, ...patch }));
  return (
    <Stack gap="xs" role="group" aria-label="Caller preferences" data-testid="scheduling-preferences">
      <Checkbox.Group
        label="Time of day"
        value={value.dayParts ?? []}
        onChange={(parts) => set({ dayParts: parts as DayPart[] })}
      >
        <Group gap="md" mt={4}>
          {DAY_PARTS.map((p) => (
            <Checkbox key={p.value} value={p.value} label={p.label} disabled={disabled} data-testid={`pref-${p.value}`} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group gap="md">
        <Checkbox
          label="Video visit is fine"
          checked={value.telehealthOk ?? false}
          onChange={(e) => set({ telehealthOk: e.currentTarget.checked })}
          disabled={disabled}
          data-testid="pref-telehealth"
        />
        <Checkbox
          label="Any distance (the caller asks)"
          description="Lifts the clinic's distance limit"
          checked={value.anyDistance ?? false}
          onChange={(e) => set({ anyDistance: e.currentTarget.checked, maxDistanceKm: undefined })}
          disabled={disabled}
          data-testid="pref-any-distance"
        />
      </Group>
      <Group grow gap="xs" align="flex-start">
        <Select
          label="Language"
          placeholder="As in the chart"
          data={LANGUAGES}
          value={value.language ?? null}
          onChange={(language) => set({ language: language ?? undefined })}
          clearable
          disabled={disabled}
          data-testid="pref-language"
        />
        <Select
          label="Requested provider"
          placeholder="Any eligible"
          data={(props.directory?.providers ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.specialty}` }))}
          value={value.providerId ?? null}
          onChange={(providerId) => set({ providerId: providerId ?? undefined })}
          clearable
          searchable
          disabled={disabled}
          data-testid="pref-provider"
        />
        <Select
          label="Max distance"
          placeholder={value.anyDistance ? 'Any distance' : 'Clinic default'}
          data={DISTANCES.map((d) => ({ value: d, label: `${d} km` }))}
          value={value.maxDistanceKm === undefined ? null : String(value.maxDistanceKm)}
          onChange={(km) => set({ maxDistanceKm: km === null ? undefined : Number(km) })}
          clearable
          disabled={disabled || value.anyDistance === true}
          data-testid="pref-distance"
        />
      </Group>
    </Stack>
  );
}

/** Drop unset fields, so an untouched preference is absent (the contract is strict and "no preference" is no key). */
export function withoutEmpty(value: SchedulingPreferences): SchedulingPreferences {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  return out as SchedulingPreferences;
}
