import { Badge } from '@mantine/core';

/** Always on screen in the demo environment, so no one mistakes the simulation for a live line or chart. */
export function DemoBadge(props: { readonly realPhone?: boolean }) {
  return (
    <Badge
      color="grape"
      variant="filled"
      size="lg"
      radius="sm"
      data-testid="demo-badge"
      // Never truncated: the whole sentence is the point.
      styles={{ root: { textTransform: 'none', height: 'auto', minHeight: 26, maxWidth: '100%' }, label: { whiteSpace: 'normal' } }}
    >
      {props.realPhone ? 'DEMO EHR · synthetic patients · real SIP phone line' : 'DEMO · simulated phone line & EHR · synthetic patients'}
    </Badge>
  );
}
