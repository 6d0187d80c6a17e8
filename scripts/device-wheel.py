"""The installed wheel's Python API on a GPU: run_many and evaluate with
backend='gpu' against backend='cpu' on examples/ (scripts/device-wheel.sh)."""
import arcdsl, os, time
print('gpu_status', arcdsl.gpu_status())
s = arcdsl.load_solvers('examples/solvers.py')
tasks = arcdsl.load_tasks('examples/tasks')
pairs = [(sv, p[0]) for tid, t in tasks.items() for sv in s.named_for(tid) for p in t['train'] + t['test']]
for b in ('cpu', 'gpu'):
    t0 = time.time(); r = arcdsl.run_many(pairs, backend=b); print(b, len(r), 'runs', round(time.time() - t0, 2), 's')
    if b == 'cpu': ref = r
same = sum((type(a) is type(b) and (a == b if not isinstance(a, Exception) else str(a) == str(b))) for a, b in zip(ref, r))
print('gpu == cpu on', same, 'of', len(r))
cross = [(sv, p[0]) for t in tasks.values() for sv in s.values() for p in t['test']]
for b in ('cpu', 'gpu'):
    t0 = time.time(); r = arcdsl.run_many(cross, backend=b); print('cross', b, len(r), 'runs', round(time.time() - t0, 2), 's')
    if b == 'cpu': ref = r
print('cross gpu == cpu on', sum((a == b) if not isinstance(a, Exception) else type(a) is type(b) for a, b in zip(ref, r)), 'of', len(r))
e1 = arcdsl.evaluate(s, 'examples/tasks', backend='gpu', cross=True).submission()
e2 = arcdsl.evaluate(s, 'examples/tasks', backend='cpu', cross=True).submission()
print('evaluate cross submission gpu == cpu:', e1 == e2)
