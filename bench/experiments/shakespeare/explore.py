import sys, time, math, argparse, json, os
import torch, numpy as np
import torch.nn.functional as F
from llm_scratch.data import shakespeare_split
from llm_scratch.tokenizer import BPETokenizer
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from llm_scratch.gpt2 import GPT, GPTConfig
from modern import ModernGPT, Cfg
from llm_scratch.train import Muon   # the library's Muon: groups with muon=True
ap=argparse.ArgumentParser()
for k,v in dict(vocab=2048,L=4,C=128,H=4,T=128,B=32,lr=3e-3,warm=50,threads=1,drop=0.0,wd=0.1,minlr=0.1,budget=900.0,b2=0.99,name='x',evalT=0,arch='gpt2',rope=1,qknorm=1,act='relu2',zero=1,tie=0,cap=0.0,mlp=4,opt='adamw',mlr=0.02,elr=0.0).items(): ap.add_argument('--'+k,type=type(v),default=v)
a=ap.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
t0=time.time()
trs,val=shakespeare_split()
if a.vocab>0:
    cache=f'/tmp/explore_tok{a.vocab}.npz'
    if os.path.exists(cache): z=np.load(cache); tr=torch.tensor(z['tr']); va=torch.tensor(z['va']); V=a.vocab
    else:
        tok=BPETokenizer.train(trs,a.vocab); V=a.vocab
        tr=torch.tensor([t for s in trs for t in [tok.eot_token]+tok.encode(s)]); va=torch.tensor([tok.eot_token]+tok.encode(val))
        np.savez(cache,tr=tr.numpy(),va=va.numpy())
else:
    text='\x00'.join(trs); chars=sorted(set(text+val)); st={c:i for i,c in enumerate(chars)}
    tr=torch.tensor([st[c] for c in '\x00'+text]); va=torch.tensor([st[c] for c in '\x00'+val]); V=len(chars)
print(f'tok {time.time()-t0:.1f}s V={V} train toks {len(tr)} val toks {len(va)} chars/tok {len(val)/len(va):.2f}',flush=True)
if a.arch=='gpt2':
    cfg=GPTConfig(block_size=a.T,vocab_size=V,n_layer=a.L,n_head=a.H,n_embd=a.C,dropout=a.drop,bias=False)
    model=GPT(cfg)
else:
    from modern import ModernGPT, Cfg
    model=ModernGPT(Cfg(V=V,C=a.C,H=a.H,L=a.L,T=a.T,drop=a.drop,rope=a.rope,qknorm=a.qknorm,act=a.act,zero=a.zero,tie=a.tie,cap=a.cap,mlp=a.mlp))
print('params',sum(p.numel() for p in model.parameters())/1e6,flush=True)
if a.opt=='adamw':
    dec=[p for p in model.parameters() if p.dim()>=2]; nod=[p for p in model.parameters() if p.dim()<2]
    opts=[torch.optim.AdamW([dict(params=dec,weight_decay=a.wd),dict(params=nod,weight_decay=0.0)],lr=a.lr,betas=(0.9,a.b2))]
else:
    ish=lambda n,p: p.dim()==2 and ('blocks.' in n or '.h.' in n)
    hid=[p for n,p in model.named_parameters() if ish(n,p)]
    rest=[p for n,p in model.named_parameters() if not ish(n,p)]
    print('muon params',sum(p.numel() for p in hid),'adam params',sum(p.numel() for p in rest))
    opts=[torch.optim.AdamW(rest,lr=a.elr or a.lr,betas=(0.9,a.b2),weight_decay=0.0), Muon([dict(params=hid, muon=True)],lr=a.mlr)]
    for o in opts:
        for gp in o.param_groups: gp['base']=gp['lr']
for o in opts:
    for gp in o.param_groups: gp['base']=gp['lr']
def lr_at(it,f):
    if it<a.warm: return (it+1)/a.warm
    return (a.minlr+(1-a.minlr)*0.5*(1+math.cos(math.pi*min(1,f))))
g=torch.Generator().manual_seed(0)
def evalv():
    model.eval(); tot=0.0; T=a.T
    n=len(va)-1; X=[];Y=[]
    with torch.no_grad():
        starts=list(range(0,n,T))
        for i in range(0,len(starts),32):
            grp=starts[i:i+32]; full=[s for s in grp if s+T<=n]; part=[s for s in grp if s+T>n]
            if full:
                x=torch.stack([va[s:s+T] for s in full]); y=torch.stack([va[s+1:s+T+1] for s in full])
                lg,_=model(x); tot+=F.cross_entropy(lg.reshape(-1,V),y.reshape(-1),reduction='sum').item()
            for s in part:
                x=va[s:n][None]; y=va[s+1:n+1][None]; lg,_=model(x); tot+=F.cross_entropy(lg.reshape(-1,V),y.reshape(-1),reduction='sum').item()
    model.train(); return tot/len(val)/math.log(2)
t1=time.time(); c1=time.process_time(); it=0; hist=[]
while True:
    f=(time.process_time()-c1)/a.budget
    if f>=1: break
    ix=torch.randint(len(tr)-a.T-1,(a.B,),generator=g)
    x=torch.stack([tr[i:i+a.T] for i in ix]); y=torch.stack([tr[i+1:i+a.T+1] for i in ix])
    m=lr_at(it,f)
    for o in opts:
        for gp in o.param_groups: gp['lr']=gp['base']*m
    _,loss=model(x,y); model.zero_grad(set_to_none=True); loss.backward(); torch.nn.utils.clip_grad_norm_(model.parameters(),1.0)
    for o in opts: o.step()
    if it%100==0: print(it,f'{loss.item():.3f}',f'{time.time()-t1:.0f}s cpu {time.process_time()-c1:.0f}',flush=True)
    it+=1
t2=time.time(); c2=time.process_time(); bpc=evalv()
res=dict(name=a.name,args=vars(a),steps=it,bpc=bpc,train_wall=t2-t1,train_cpu=c2-c1,eval_wall=time.time()-t2,tokens=it*a.B*a.T,params=sum(p.numel() for p in model.parameters()))
print('RESULT',json.dumps(res),flush=True)
open(os.environ.get('EXPLORE_RESULTS','results.jsonl'),'a').write(json.dumps(res)+'\n')
