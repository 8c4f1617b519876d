import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { selectBridge } from './bridge';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The transport is chosen once, outside React, so re-renders never open a second socket.
const bridge = selectBridge(window);

createRoot(container).render(
  <StrictMode>
    <App bridge={bridge} />
  </StrictMode>,
);
