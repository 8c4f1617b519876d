import { Modal, Tabs } from '@mantine/core';
import { ShortcutSettings } from '../features/phone-bar';
import { AudioSettings } from '../features/softphone';

export interface SettingsModalProps {
  readonly opened: boolean;
  readonly onClose: () => void;
}

/** Workstation settings an agent changes alone: audio devices (microphone, speaker, ringer) and shortcuts. */
export function SettingsModal(props: SettingsModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Workstation settings" size="lg" data-testid="settings-modal">
      <Tabs defaultValue="audio" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="audio" data-testid="settings-audio-tab">
            Audio
          </Tabs.Tab>
          <Tabs.Tab value="shortcuts" data-testid="settings-shortcuts-tab">
            Keyboard shortcuts
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="audio" pt="sm">
          <AudioSettings />
        </Tabs.Panel>
        <Tabs.Panel value="shortcuts" pt="sm">
          <ShortcutSettings />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}
