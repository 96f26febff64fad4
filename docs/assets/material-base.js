// Material for MkDocs 9.8.1 partials/javascripts/base.html, moved out of the page so the
// Content-Security-Policy can forbid inline script. Loaded synchronously in <head>, like the original.
/* eslint-disable */
__md_scope=new URL(document.currentScript.dataset.scope||".",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
