"""Cluster-link analysis with NetworkX: which industries are planned together, by whom, and how places align.

One loader (`load.load_graph`) turns the store into a NetworkX MultiDiGraph through named queries; every
analysis takes that graph, so analyses can be tested and benchmarked without a database:
`cotargeting` (City–Industry projections), `communities` (Louvain), `centrality`, `cluster` (links of an
industry cluster and its bridges) and `alignment` (provincial assignments vs a place's own plans).
Every analysis that counts a place's ties to industries weighs them by what they state (`evidence`: a plan's
target above a descriptive statement; the one table of weights and the choices). `figures` draws them (and
owns CJK font handling); `tables` prints them for the CLI.
"""
