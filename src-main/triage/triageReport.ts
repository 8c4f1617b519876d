import type { NoProtocolResult, TriagedResult, TriageSetting } from './headlessTriage';

/** The human-readable report of headless triage (the CLI's default output). Pure: result in, text out. */

function settingLines(r: TriageSetting): string[] {
  const lines = [
    r.notice,
    `Patient: ${r.patient.ageYears < 2 ? `${r.patient.ageMonths} months` : `${r.patient.ageYears} years`} (${r.patient.ageBand}), ${r.patient.sex}`,
    `Line: ${r.serviceLine.name} (${r.serviceLine.id}) · ${r.time.local} ${r.serviceLine.timeZone} · ${r.time.afterHours ? 'after hours' : 'office hours'} (${r.time.hoursBecause})`,
  ];
  if (r.location) lines.push(`Location: ZIP ${r.location.zip} -> ${r.location.state ?? 'unknown state (unassigned prefix)'}`);
  lines.push('', 'Findings recognized:');
  if (r.findings.length === 0) lines.push('  (none)');
  for (const f of r.findings) {
    const extra = [
      f.cue ? `cue "${f.cue}"` : null,
      f.temperature ? `${f.temperature.value} °${f.temperature.unit}` : null,
      f.durationHours !== null ? `${f.durationHours} h` : null,
    ].filter((x) => x !== null);
    lines.push(`  ${f.status.padEnd(9)} ${f.label}${f.redFlag ? ' [RED FLAG]' : ''} <- ${f.words.map((w) => `"${w}"`).join(', ')}${extra.length ? ` (${extra.join(', ')})` : ''}`);
  }
  lines.push('', 'Red flags raised:');
  if (r.redFlags.length === 0) lines.push('  (none)');
  for (const f of r.redFlags) lines.push(`  !! ${f.label} (${f.status}) "${f.words}": ${f.handling}`);
  return lines;
}

function warningLines(r: TriageSetting): string[] {
  return r.warnings.length === 0 ? [] : ['', 'Warnings:', ...r.warnings.map((w) => `  ! ${w}`)];
}

export function formatTriaged(r: TriagedResult): string {
  const lines = settingLines(r);
  lines.push('', `Protocol chosen: ${r.protocol.title} (${r.protocol.id} ${r.protocol.version}), score ${r.protocol.score}`);
  lines.push(`  because: ${r.protocol.explanation}`);
  if (r.protocol.alternatives.length > 0) lines.push(`  next: ${r.protocol.alternatives.map((a) => `${a.id} ${a.score}`).join(', ')}`);
  lines.push('', 'Questions:');
  for (const q of r.questions) {
    const answer = q.answer === 'not-asked' ? 'not asked' : q.answer === 'yes' || q.answer === 'no' ? q.answer.toUpperCase() : q.display;
    lines.push(`  [${answer.padEnd(9)}] ${q.key}: ${q.text}`);
    lines.push(`              ${q.source ? `source ${q.source}: ` : ''}${q.note}`);
  }
  lines.push('', `Disposition: ${r.disposition.label} (${r.disposition.id})`, `  because: ${r.disposition.because}`, `  script: ${r.disposition.script}`);
  lines.push('', 'Care advice (for the nurse to give):');
  if (r.careAdvice.length === 0) lines.push('  (none)');
  for (const c of r.careAdvice) lines.push(`  - ${c.title}: ${c.text}`);
  return [...lines, ...warningLines(r)].join('\n');
}

export function formatNoProtocol(r: NoProtocolResult): string {
  return [...settingLines(r), '', `NO PROTOCOL: ${r.message}`, ...warningLines(r)].join('\n');
}
