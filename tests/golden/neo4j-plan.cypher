// constraints (each in its own transaction)
CREATE CONSTRAINT orgmodel_area_id IF NOT EXISTS FOR (n:Area) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_council_id IF NOT EXISTS FOR (n:Council) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_crimetype_id IF NOT EXISTS FOR (n:CrimeType) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_forum_id IF NOT EXISTS FOR (n:Forum) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_goal_id IF NOT EXISTS FOR (n:Goal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_orgmodellock_id IF NOT EXISTS FOR (n:OrgmodelLock) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_orgmodelworkspace_id IF NOT EXISTS FOR (n:OrgmodelWorkspace) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_persongroup_id IF NOT EXISTS FOR (n:PersonGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_policy_id IF NOT EXISTS FOR (n:Policy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orgmodel_role_id IF NOT EXISTS FOR (n:Role) REQUIRE n.id IS UNIQUE;
CREATE INDEX orgmodel_council_ws IF NOT EXISTS FOR (n:Council) ON (n._ws);
CREATE INDEX orgmodel_document_ws IF NOT EXISTS FOR (n:Document) ON (n._ws);
CREATE INDEX orgmodel_forum_ws IF NOT EXISTS FOR (n:Forum) ON (n._ws);
CREATE INDEX orgmodel_goal_ws IF NOT EXISTS FOR (n:Goal) ON (n._ws);
CREATE INDEX orgmodel_organisation_ws IF NOT EXISTS FOR (n:Organisation) ON (n._ws);
CREATE INDEX orgmodel_orgmodelworkspace_ws IF NOT EXISTS FOR (n:OrgmodelWorkspace) ON (n._ws);
CREATE INDEX orgmodel_policy_ws IF NOT EXISTS FOR (n:Policy) ON (n._ws);
CREATE INDEX orgmodel_role_ws IF NOT EXISTS FOR (n:Role) ON (n._ws);
// one transaction:
// write Area: 110 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:Area {id: row.id}) SET n = row.props;
// write Council: 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:Council {id: row.id}) SET n = row.props;
// write CrimeType: 15 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:CrimeType {id: row.id}) SET n = row.props;
// write Document: 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:Document {id: row.id}) SET n = row.props;
// write Forum: 5 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:Forum {id: row.id}) SET n = row.props;
// write Goal: 3 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:Goal {id: row.id}) SET n = row.props;
// write Organisation: 10 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:Organisation {id: row.id}) SET n = row.props;
// write OrgmodelWorkspace: 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:OrgmodelWorkspace {id: row.id}) SET n = row.props;
// write PersonGroup: 15 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:PersonGroup {id: row.id}) SET n = row.props;
// write Role: 4 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MERGE (n:Role {id: row.id}) SET n = row.props;
// add AREA (Council → Area): 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Council {id: row.a}) MATCH (b:Area {id: row.b}) MERGE (a)-[:AREA]->(b);
// add AREA (Forum → Area): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Forum {id: row.a}) MATCH (b:Area {id: row.b}) MERGE (a)-[:AREA]->(b);
// add AREA (Organisation → Area): 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Organisation {id: row.a}) MATCH (b:Area {id: row.b}) MERGE (a)-[:AREA]->(b);
// add CHAIR (Council → Role): 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Council {id: row.a}) MATCH (b:Role {id: row.b}) MERGE (a)-[:CHAIR]->(b);
// add COUNCIL (Document → Council): 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Document {id: row.a}) MATCH (b:Council {id: row.b}) MERGE (a)-[:COUNCIL]->(b);
// add COVERS (Forum → CrimeType): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Forum {id: row.a}) MATCH (b:CrimeType {id: row.b}) MERGE (a)-[:COVERS]->(b);
// add COVERS (Forum → PersonGroup): 6 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Forum {id: row.a}) MATCH (b:PersonGroup {id: row.b}) MERGE (a)-[:COVERS]->(b);
// add DERIVES_FROM (Goal → Goal): 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Goal {id: row.a}) MATCH (b:Goal {id: row.b}) MERGE (a)-[:DERIVES_FROM]->(b);
// add INCLUDES (Document → Goal): 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Document {id: row.a}) MATCH (b:Goal {id: row.b}) MERGE (a)-[:INCLUDES]->(b);
// add MEMBER (Council → Organisation): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Council {id: row.a}) MATCH (b:Organisation {id: row.b}) MERGE (a)-[:MEMBER]->(b);
// add MEMBER (Council → Role): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Council {id: row.a}) MATCH (b:Role {id: row.b}) MERGE (a)-[:MEMBER]->(b);
// add MEMBER (Forum → Organisation): 16 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Forum {id: row.a}) MATCH (b:Organisation {id: row.b}) MERGE (a)-[:MEMBER]->(b);
// add ORGANISATION (Role → Organisation): 4 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Role {id: row.a}) MATCH (b:Organisation {id: row.b}) MERGE (a)-[:ORGANISATION]->(b);
// add OWNER (Document → Role): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Document {id: row.a}) MATCH (b:Role {id: row.b}) MERGE (a)-[:OWNER]->(b);
// add OWNER (Goal → Council): 2 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Goal {id: row.a}) MATCH (b:Council {id: row.b}) MERGE (a)-[:OWNER]->(b);
// add OWNER (Goal → Forum): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Goal {id: row.a}) MATCH (b:Forum {id: row.b}) MERGE (a)-[:OWNER]->(b);
// add PARENT (Organisation → Organisation): 6 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Organisation {id: row.a}) MATCH (b:Organisation {id: row.b}) MERGE (a)-[:PARENT]->(b);
// add PART_OF (Area → Area): 98 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Area {id: row.a}) MATCH (b:Area {id: row.b}) MERGE (a)-[:PART_OF]->(b);
// add REPORTS_TO (Council → Council): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Council {id: row.a}) MATCH (b:Council {id: row.b}) MERGE (a)-[:REPORTS_TO]->(b);
// add SECRETARIAT (Council → Forum): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Council {id: row.a}) MATCH (b:Forum {id: row.b}) MERGE (a)-[:SECRETARIAT]->(b);
// add SUBSTITUTE_FOR (Role → Role): 1 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Role {id: row.a}) MATCH (b:Role {id: row.b}) MERGE (a)-[:SUBSTITUTE_FOR]->(b);
// add UNDER (Forum → Council): 5 row(s) in 1 batch(es) of up to 10000
UNWIND $rows AS row MATCH (a:Forum {id: row.a}) MATCH (b:Council {id: row.b}) MERGE (a)-[:UNDER]->(b);
// summary: nodes: 167, relationships: 158, nodes to write: 167, nodes to remove: 0, relationships to add: 158, relationships to remove: 0
