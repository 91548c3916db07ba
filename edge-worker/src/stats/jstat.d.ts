// The slice of jStat (https://github.com/jstat/jstat, MIT) the stats use; the package ships no types.
declare module 'jstat' {
  const jStat: {
    normal: { inv(p: number, mean: number, sd: number): number; cdf(x: number, mean: number, sd: number): number };
    chisquare: { cdf(x: number, dof: number): number };
  };
  export default jStat;
}
