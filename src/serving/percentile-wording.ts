/** An English ordinal of a whole number: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th. */
export function englishOrdinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/**
 * How reasoning text names the level (a share, 0…1) a demand distribution is read at, to 0.1 %:
 * a whole percentile as an English ordinal ("the 90th percentile", "the 21st percentile"), any
 * other as a percentage ("the 56.2 % quantile"), since neither "56.2th" nor "56.2nd" reads right.
 */
export function percentileWording(level: number): string {
  const percent = Math.round(level * 1000) / 10;
  return Number.isInteger(percent)
    ? `the ${englishOrdinal(percent)} percentile`
    : `the ${percent} % quantile`;
}
