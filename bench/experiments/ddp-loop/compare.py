"Read the four logs of run.sh and write ddp_loop.json (card, versions, date, commands) with the scaling and the loss check."
import json, statistics, sys
from pathlib import Path
from llm_scratch.bench.common import write_results
from llm_scratch.bench.train import same_curve
from llm_scratch.train import read_log

out = Path(sys.argv[1])
log = {n: read_log(out / f"{n}.jsonl")["train"] for n in ("one", "two", "same1", "same2")}
med = {n: statistics.median(r["tok_per_s"] for r in log[n][5:]) for n in ("one", "two")}
l1, l2 = [r["loss"] for r in log["same1"]], [r["loss"] for r in log["same2"]]
res = {"commands": (out / "commands.txt").read_text().splitlines(),
       "median_tok_per_s": med, "scaling": med["two"] / med["one"],
       "tok_per_s_steps": {n: [r["tok_per_s"] for r in log[n]] for n in ("one", "two")},
       "same_steps": {"one_process_2_micro": l1, "two_processes_1_micro": l2,
                      "max_abs_diff": max(abs(a - b) for a, b in zip(l1, l2)), **same_curve(l1, l2)}}
res["checks"] = {"scaling >= 1.9": res["scaling"] >= 1.9, "same curve": res["same_steps"]["ok"]}
write_results(out / "ddp_loop.json", res, "cuda")
print(f"1 process {med['one']:,.0f} tok/s, 2 processes {med['two']:,.0f} tok/s: {res['scaling']:.3f}x")
print(f"losses of 1x(2 micro) vs 2x(1 micro) over 20 steps: max |diff| {res['same_steps']['max_abs_diff']:.4f}, "
      f"same curve: {res['same_steps']['ok']}")
print("checks:", res["checks"])
sys.exit(0 if all(res["checks"].values()) else 1)
