import {PGlite} from "@electric-sql/pglite";
let t=Date.now(); const db=new PGlite(); await db.waitReady; console.log('new', Date.now()-t);
t=Date.now(); const dump = await db.dumpDataDir('none'); console.log('dump', Date.now()-t, dump.size);
t=Date.now(); const db2=new PGlite({loadDataDir: dump}); await db2.waitReady; console.log('load', Date.now()-t);
t=Date.now(); const db3=await db.clone(); console.log('clone', Date.now()-t);
t=Date.now(); const db4=new PGlite(); await db4.waitReady; console.log('new2', Date.now()-t);
t=Date.now(); await db4.exec('create function f() returns int language plpgsql as $$ begin perform pg_advisory_xact_lock(1); return 1; end $$; select f(); select sha256(convert_to(\'{"a":1}\'::jsonb::text,\'UTF8\'))'); console.log('plpgsql', Date.now()-t);
