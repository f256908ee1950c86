// The report's script (inlined into the one HTML file; the page's CSP lets only this run, by
// its hash): renders the records 50 at a time, filters them, lights up an entity's mentions.
const R=JSON.parse(document.getElementById('data-records').textContent);
const E=JSON.parse(document.getElementById('data-entities').textContent);
const COLOURS=JSON.parse(document.getElementById('data-colours').textContent), PAGE=50;
const $=id=>document.getElementById(id);
for(const r of R)r.hay=(r.text+' '+(r.tr?r.tr.text:'')).toLowerCase();
for(const e of E)e.hay=[e.canonical,...e.aliases].join(' ').toLowerCase();
let hits=R,page=0;
function el(tag,cls,text){const e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function marked(str,ents,field){
  // offsets count code points (Python's str), JavaScript strings UTF-16 units: slice code points
  const text=Array.from(str),cut=(a,b)=>text.slice(a,b).join('');
  const d=el('div');let c=0;
  for(const [s,e,label,id,f] of ents){
    if(f!==field||s<c)continue;
    d.append(cut(c,s));
    const m=el('mark','ent',cut(s,e));m.dataset.label=label;m.dataset.entity=id;
    m.style.background=COLOURS[label]||'#eee';m.title=label+' · '+id;m.append(el('small',null,label));
    d.append(m);c=e;
  }
  d.append(cut(c));return d;
}
function card(r){
  const a=el('article','record');a.id=r.id;a.dataset.lang=r.lang;a.dataset.entities=r.ids.join(' ');
  a.append(el('div','head',[r.id,r.kind,r.author&&'by '+r.author,r.section].filter(Boolean).join(' · ')));
  const pair=el('div','pair'+(r.tr?'':' single'));
  const o=el('div','pane original');
  o.append(el('h4',null,['original',r.lang,r.score==null?null:'score '+r.score,r.why].filter(x=>x!=null).join(' · ')),marked(r.text,r.ents,'text'));
  pair.append(o);
  if(r.tr){const t=el('div','pane translation');t.append(el('h4',null,'translation · '+r.tr.lang+' · '+r.tr.engine),marked(r.tr.text,r.ents,'translation'));pair.append(t);}
  a.append(pair);
  if(r.note)a.append(el('div','note',r.note));
  return a;
}
function render(){
  const pages=Math.max(1,Math.ceil(hits.length/PAGE));page=Math.min(page,pages-1);
  $('records').replaceChildren(...hits.slice(page*PAGE,page*PAGE+PAGE).map(card));
  $('shown').textContent=hits.length;$('page').textContent=(page+1)+' / '+pages;
  $('prev').disabled=page===0;$('next').disabled=page>=pages-1;
}
function apply(){
  const l=$('f-lang').value,e=$('f-entity').value,t=$('f-text').value.toLowerCase();
  hits=R.filter(r=>(!l||r.lang===l)&&(!e||r.ids.includes(e))&&(!t||r.hay.includes(t)));
  page=0;render();
}
function entities(){
  const t=$('e-text').value.toLowerCase(),rows=E.filter(e=>!t||e.hay.includes(t));
  $('e-shown').textContent=rows.length;
  $('entities').tBodies[0].replaceChildren(...rows.slice(0,200).map(e=>{
    const tr=el('tr');for(const v of [e.canonical,e.label,e.aliases.join(', '),e.mentions,e.languages.join(', ')])tr.append(el('td',null,String(v)));return tr;
  }));
}
for(const id of ['f-lang','f-entity'])$(id).addEventListener('change',apply);
$('f-text').addEventListener('input',apply);$('e-text').addEventListener('input',entities);
$('prev').addEventListener('click',()=>{page--;render();});$('next').addEventListener('click',()=>{page++;render();});
document.addEventListener('click',ev=>{
  const m=ev.target.closest('mark.ent');if(!m)return;
  const id=m.dataset.entity,on=!m.classList.contains('lit');
  for(const x of document.querySelectorAll('mark.ent.lit'))x.classList.remove('lit');
  if(on)for(const x of document.querySelectorAll('mark.ent'))if(x.dataset.entity===id)x.classList.add('lit');
});
apply();entities();
