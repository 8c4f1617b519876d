/** Why a call ended, in words for the agent's call bar and call log (no numbers or names: no PHI). */
export function endReasonFor(direction: 'inbound' | 'outbound', wasEstablished: boolean, refusedWith: number | null): string {
  if (wasEstablished) return direction === 'inbound' ? 'Caller hung up' : 'The other side hung up';
  if (direction === 'inbound') return 'Caller hung up before answer';
  switch (refusedWith) {
    case null:
      return 'The call failed';
    case 404:
    case 484:
      return 'Number not found';
    case 480:
      return 'Not available';
    case 486:
    case 600:
      return 'Busy';
    case 403:
      return 'Not allowed to call this number';
    case 408:
      return 'No answer';
    case 603:
      return 'Declined';
    default:
      return refusedWith >= 500 ? `The phone system failed the call (${refusedWith})` : `The call was refused (${refusedWith})`;
  }
}
