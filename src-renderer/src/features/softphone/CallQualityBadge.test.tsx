import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CallQuality } from '../../../../src-preload/contract';
import { renderWithProviders } from '../../test/renderWithProviders';
import { CallQualityBadge } from './CallQualityBadge';
import { gradeOf } from './qualityWords';

const CALL = '6f1c2b0e-7a7d-4c61-9d55-0a4b8f1e2c3d';
const quality = (over: Partial<CallQuality>): CallQuality => ({
  callId: CALL,
  roundTripMs: 40,
  jitterMs: 3,
  lossPercent: 0,
  mos: 4.38,
  packetsReceived: 500,
  packetsSent: 500,
  ...over,
});

describe('CallQualityBadge', () => {
  it('says Good for a clean call, with the measures in the tooltip', async () => {
    const { user } = renderWithProviders(<CallQualityBadge quality={quality({})} />);
    const badge = screen.getByTestId('call-quality');
    expect(badge).toHaveTextContent('Audio: Good');
    expect(badge).toHaveAttribute('data-grade', 'good');
    expect(badge).toHaveAccessibleName(/Call quality: Good\. Estimated score 4\.4 of 5\. Delay 40 ms round trip\. Jitter 3 ms\. Packet loss 0\.0%/);
    await user.hover(badge);
    expect(await screen.findByText('Estimated score 4.4 of 5')).toBeInTheDocument();
    expect(screen.getByText('Delay 40 ms round trip')).toBeInTheDocument();
  });

  it('is reachable from the keyboard and shows the tooltip on focus', async () => {
    const { user } = renderWithProviders(<CallQualityBadge quality={quality({ mos: 3.8, lossPercent: 1.2 })} />);
    await user.tab();
    expect(screen.getByTestId('call-quality')).toHaveFocus();
    expect(screen.getByTestId('call-quality')).toHaveTextContent('Audio: Fair');
    expect(await screen.findByText('Packet loss 1.2%')).toBeInTheDocument();
  });

  it('says Poor and explains why in words', () => {
    renderWithProviders(<CallQualityBadge quality={quality({ mos: 2.9, lossPercent: 8, roundTripMs: 450, jitterMs: 45 })} />);
    const badge = screen.getByTestId('call-quality');
    expect(badge).toHaveTextContent('Audio: Poor');
    expect(badge).toHaveAccessibleName(/people will talk over each other.*audio may sound choppy.*words may drop out/);
  });

  it('says Measuring before the first measurement', () => {
    renderWithProviders(<CallQualityBadge quality={null} />);
    expect(screen.getByTestId('call-quality')).toHaveTextContent('Audio: Measuring…');
    expect(screen.getByTestId('call-quality')).toHaveAccessibleName(/No measurement yet/);
  });

  it('grades by the G.107 satisfaction bands', () => {
    expect([4.4, 4.0, 3.99, 3.6, 3.59, 1, null].map(gradeOf)).toEqual(['good', 'good', 'fair', 'fair', 'poor', 'poor', 'unknown']);
  });
});
