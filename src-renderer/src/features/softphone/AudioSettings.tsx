import { Alert, Button, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { AudioDevice, AudioPreferences } from './media/devices';
import { useMediaEngine } from './useMediaEngine';
import { useMicrophoneLevel } from './useMicrophoneLevel';

/**
 * Audio settings of this workstation: microphone, call speaker and a separate ringer (so a ring can sound on the
 * desk speaker while the headset stays on), each with a way to check it works before the next call.
 */
export function AudioSettings() {
  const media = useMediaEngine();
  const { devices, chosen, effective } = media.devices;
  const [testingMic, setTestingMic] = useState(false);
  const [playing, setPlaying] = useState<'speaker' | 'ringer' | null>(null);
  const mic = useMicrophoneLevel(media.openMicrophoneMeter, effective.microphoneId, testingMic);

  const play = (which: 'speaker' | 'ringer') => {
    setPlaying(which);
    const done = () => setPlaying(null);
    const sound = which === 'speaker' ? media.playTestTone(effective.speakerId) : media.playTestRing(effective.ringerId);
    sound.then(done, done);
  };

  return (
    <Stack gap="md" data-testid="audio-settings" aria-label="Audio settings" role="group">
      {!media.available ? (
        <Alert color="red" variant="light">
          This window cannot play call audio (WebRTC is not available). Open Careline in the desktop app.
        </Alert>
      ) : null}
      {media.deviceError ? (
        <Alert color="red" variant="light" role="alert">
          {media.deviceError}
        </Alert>
      ) : null}

      <DeviceSelect
        role="microphoneId"
        label="Microphone"
        description="What callers hear."
        devices={devices.inputs}
        chosen={chosen}
        effective={effective}
        onChoose={media.chooseDevice}
      />
      <Stack gap={4}>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" size="xs" aria-pressed={testingMic} onClick={() => setTestingMic((on) => !on)}>
            {testingMic ? 'Stop microphone test' : 'Test microphone'}
          </Button>
          <Progress
            flex={1}
            value={Math.round(mic.level * 100)}
            color={mic.level > 0.9 ? 'red' : 'green'}
            aria-label="Microphone level"
            data-testid="mic-level"
            transitionDuration={0}
          />
        </Group>
        {testingMic ? (
          <Text size="xs" c={mic.error ? 'red' : 'dimmed'} role={mic.error ? 'alert' : undefined}>
            {mic.error ?? 'Speak normally: the bar should move into the middle.'}
          </Text>
        ) : null}
      </Stack>

      <DeviceSelect
        role="speakerId"
        label="Speaker"
        description="Where you hear callers."
        devices={devices.outputs}
        chosen={chosen}
        effective={effective}
        onChoose={media.chooseDevice}
      />
      <Button variant="default" size="xs" w="fit-content" loading={playing === 'speaker'} onClick={() => play('speaker')}>
        Play test tone
      </Button>

      <DeviceSelect
        role="ringerId"
        label="Ringer"
        description="Where incoming calls ring."
        devices={devices.outputs}
        chosen={chosen}
        effective={effective}
        onChoose={media.chooseDevice}
      />
      <Button variant="default" size="xs" w="fit-content" loading={playing === 'ringer'} onClick={() => play('ringer')}>
        Play test ring
      </Button>
    </Stack>
  );
}

interface DeviceSelectProps {
  readonly role: keyof AudioPreferences;
  readonly label: string;
  readonly description: string;
  readonly devices: readonly AudioDevice[];
  readonly chosen: AudioPreferences;
  readonly effective: AudioPreferences;
  readonly onChoose: (role: keyof AudioPreferences, deviceId: string) => void;
}

function DeviceSelect(props: DeviceSelectProps) {
  const unplugged = props.chosen[props.role] !== props.effective[props.role];
  return (
    <Select
      label={props.label}
      description={unplugged ? `${props.description} The chosen device is not connected: using the system default.` : props.description}
      data={props.devices.map((d) => ({ value: d.deviceId, label: d.label }))}
      value={props.effective[props.role]}
      onChange={(value) => {
        if (value) props.onChoose(props.role, value);
      }}
      allowDeselect={false}
      comboboxProps={{ withinPortal: false }}
      data-testid={`audio-${props.role}`}
    />
  );
}
