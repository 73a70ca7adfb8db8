DROP TABLE tree_heads;
DROP TABLE merkle_nodes;
DROP FUNCTION tree_heads_fixed();
