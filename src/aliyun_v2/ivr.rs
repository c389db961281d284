//! IVR tracking (IVR轨迹类事件): one event per IVR node entered or left.

use super::enums::{FlowType, NodeAction, NodeExitCode, NodeType};
use super::fields::CommonFields;
use crate::wire::Text;
use crate::wire::{Embedded, wire_object};
use serde_json::{Map, Value};

/// A free-form JSON object that may also arrive as a string holding one.
pub type EmbeddedObject = Embedded<Map<String, Value>>;

wire_object! {
    /// `IvrTracking` (IVR轨迹事件). Documented in a section of its own: it has the common fields
    /// and its own copy of contactId, channelId, caller and callee, not the eight call fields.
    pub struct IvrTracking {
        groups {
            /// eventTime, eventType, instanceId.
            common: CommonFields,
        }
        fields {
            /// Contact id (话务ID).
            contact_id: Text = "contactId",
            /// Channel id (通话通道ID).
            channel_id: Text = "channelId",
            /// Calling number (主叫号码).
            caller: Text = "caller",
            /// Called number (被叫号码).
            callee: Text = "callee",
            /// IVR flow id (IVR流程ID).
            flow_id: Text = "flowId" unmapped,
            /// IVR flow type (IVR流程类型).
            flow_type: FlowType = "flowType" unmapped,
            /// Node id (IVR节点ID).
            node_id: Text = "nodeId" unmapped,
            /// Node name as configured (IVR节点名称), e.g. `转人工模块`.
            node_name: Text = "nodeName" unmapped,
            /// Node type (IVR节点类型).
            node_type: NodeType = "nodeType" unmapped,
            /// What made the node exit (IVR节点退出时触发的事件); on LEAVE.
            node_exit_code: NodeExitCode = "nodeExitCode" unmapped,
            /// The node executed next (下一个要执行的节点ID).
            next_node_id: Text = "nextNodeId" unmapped,
            /// Node properties (IVR节点属性), depending on the node type: an object, or a string
            /// holding one.
            node_properties: EmbeddedObject = "nodeProperties" unmapped,
            /// Variables the node set (IVR节点在运行时设置的变量): an object, or a string holding one.
            node_variables: EmbeddedObject = "nodeVariables" unmapped,
            /// Entering or leaving the node (节点动作).
            node_action: NodeAction = "nodeAction",
            /// Call-associated data (随路数据): an object, or a string holding one.
            channel_variables: EmbeddedObject = "channelVariables" unmapped,
        }
    }
}
